/**
 * The PostgREST URL grammar → SQL translation and the SQLSTATE → HTTP status table, as pure tables:
 * values always become parameters, identifiers are checked, and bad input is a PGRST1xx error.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { statusForSqlState } from '../../reference-app/src/supabase/postgrest-errors.ts';
import { orderSql, pageSql, QueryError, whereSql } from '../../reference-app/src/supabase/postgrest-query.ts';
import { selectListSql } from '../../reference-app/src/supabase/postgrest-select.ts';

const where = (query: string) => {
  const parts = { params: [] as unknown[] };
  return { sql: whereSql('t0', new URLSearchParams(query), parts), params: parts.params };
};

describe('filters', () => {
  const cases: Array<[string, string, unknown[]]> = [
    ['last_name=eq.Meier', 't0."last_name" = $1', ['Meier']],
    ['total_cents=gte.100&status=neq.paid', 't0."total_cents" >= $1 and t0."status" <> $2', ['100', 'paid']],
    ['email=ilike.*@bluewin.ch', 't0."email" ilike $1', ['%@bluewin.ch']],
    ['first_name=in.(Noah,"Léa, Marie")', 't0."first_name" in ($1, $2)', ['Noah', 'Léa, Marie']],
    ['id=in.()', 'false', []],
    ['paid_at=is.null', 't0."paid_at" is null', []],
    ['paid_at=not.is.null', 'not (t0."paid_at" is null)', []],
    ['or=(a.eq.1,and(b.lt.2,c.is.true))', '(t0."a" = $1 or (t0."b" < $2 and t0."c" is true))', ['1', '2']],
    ['select=id&order=id&limit=1', undefined as unknown as string, []],
  ];
  for (const [query, sql, params] of cases) {
    test(query, () => assert.deepEqual(where(query), { sql, params }));
  }

  const refused: Array<[string, RegExp]> = [
    ['last_name=almost.x', /unknown operator "almost"/],
    ['last_name=eq', /failed to parse filter/],
    ['x;drop=eq.1', /not a valid column/],
    ['students.last_name=eq.x', /embedded resources/],
    ['or=(a.eq.1', /expected a list in parentheses/],
    ['or=(a.eq.1,b.in.(2)', /unbalanced/],
    ['paid_at=is.maybe', /is\. accepts/],
  ];
  for (const [query, message] of refused) {
    test(`refuses ${query}`, () =>
      assert.throws(
        () => where(query),
        (error: unknown) => error instanceof QueryError && message.test(`${error.message} ${error.details}`),
      ));
  }
});

describe('order, pages and select lists', () => {
  test('order with direction and nulls', () => {
    assert.equal(orderSql('t0', 'last_name.desc.nullslast,id'), 'order by t0."last_name" desc nulls last, t0."id"');
    assert.throws(() => orderSql('t0', 'id.sideways'), QueryError);
  });

  test('limit and offset are non-negative integers', () => {
    assert.deepEqual(pageSql(new URLSearchParams('limit=10&offset=20')), { sql: 'limit 10 offset 20', offset: 20 });
    assert.throws(() => pageSql(new URLSearchParams('limit=-1')), QueryError);
  });

  const cache = {
    tables: new Set(['students', 'lessons']),
    foreignKeys: [{ fromTable: 'lessons', fromColumn: 'student_id', toTable: 'students', toColumn: 'id' }],
  };
  test('columns, aliases and casts', () => {
    assert.equal(
      selectListSql(cache, 'students', 't0', 'id,name:last_name,created_at::text'),
      't0."id" as "id", t0."last_name" as "name", t0."created_at"::"text" as "created_at"',
    );
  });

  test('a many-to-one embed is an object, a one-to-many embed an array', () => {
    assert.match(
      selectListSql(cache, 'lessons', 't0', 'student:students(first_name)'),
      /row_to_json.*t1\."id" = t0\."student_id".* as "student"$/s,
    );
    assert.match(
      selectListSql(cache, 'students', 't0', 'lessons(id)'),
      /json_agg.*t1\."student_id" = t0\."id".*'\[\]'::json\) as "lessons"$/s,
    );
    assert.throws(
      () => selectListSql(cache, 'students', 't0', 'invoices(id)'),
      /PGRST200|Could not find a relationship/,
    );
  });
});

describe('SQLSTATE → HTTP status, as PostgREST', () => {
  const table: Array<[string, boolean, number]> = [
    ['23503', true, 409],
    ['23505', true, 409],
    ['42501', false, 401],
    ['42501', true, 403],
    ['PT422', true, 422],
    ['P0001', true, 400],
    ['42883', true, 404],
    ['08006', true, 503],
    ['23514', true, 400],
    ['XX000', true, 500],
  ];
  for (const [code, authenticated, status] of table) {
    test(`${code}${authenticated ? '' : ' (anon)'} → ${status}`, () =>
      assert.equal(statusForSqlState(code, authenticated), status));
  }
});
