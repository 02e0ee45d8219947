/**
 * The PostgREST subset on `/rest/v1/<table>`: GET/HEAD (select, filters, order, limit, offset,
 * `Prefer: count=exact` with Content-Range), POST (insert, `Prefer: return=representation|minimal`),
 * PATCH and DELETE (filters required, RLS-hidden rows are simply not affected), and the single-object
 * media type `application/vnd.pgrst.object+json` (PGRST116, 406, and the change is rolled back).
 */
import type { Reply } from '../http.ts';
import type { Tx } from './database.ts';
import { restError } from './postgrest-errors.ts';
import { ident, orderSql, pageSql, QueryError, whereSql, type SqlParts } from './postgrest-query.ts';
import { selectListSql, type SchemaCache } from './postgrest-select.ts';

/** One REST call, already authenticated and parsed. */
export interface RestCall {
  method: string;
  table: string;
  search: URLSearchParams;
  prefer: string;
  accept: string;
  body: unknown;
}

const OBJECT_TYPE = 'application/vnd.pgrst.object+json';

/** Thrown inside the transaction to roll it back and answer PGRST116. */
class SingleObjectError extends Error {
  readonly rows: number;

  constructor(rows: number) {
    super('JSON object requested, multiple (or no) rows returned');
    this.rows = rows;
  }
}

const preferred = (prefer: string, name: string): string | undefined =>
  new RegExp(`(?:^|[,\\s])${name}=([\\w-]+)`).exec(prefer)?.[1];

function modifySql(call: RestCall, parts: SqlParts): string {
  const table = `public.${ident(call.table)}`;
  const where = whereSql('t0', call.search, parts);
  if (call.method === 'POST') {
    const rows = Array.isArray(call.body) ? call.body : [call.body];
    if (rows.length === 0 || rows.some((row) => typeof row !== 'object' || row === null || Array.isArray(row))) {
      throw new QueryError('PGRST102', 'Empty or invalid json', 'Expected a JSON object or an array of objects');
    }
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row as object)))].map(ident).join(', ');
    return `insert into ${table} as t0 (${columns}) select ${columns}
      from json_populate_recordset(null::${table}, $${parts.params.push(JSON.stringify(rows))}::json)`;
  }
  if (!where) {
    const verb = call.method === 'PATCH' ? 'UPDATE' : 'DELETE';
    throw Object.assign(new Error(`${verb} requires a WHERE clause`), { code: '21000' });
  }
  if (call.method === 'DELETE') return `delete from ${table} as t0 where ${where}`;
  if (typeof call.body !== 'object' || call.body === null || Array.isArray(call.body)) {
    throw new QueryError('PGRST102', 'Empty or invalid json', 'PATCH expects one JSON object');
  }
  const sets = Object.keys(call.body)
    .map((column) => `${ident(column)} = _src.${ident(column)}`)
    .join(', ');
  if (!sets) throw new QueryError('PGRST102', 'Empty or invalid json', 'PATCH expects at least one column');
  return `update ${table} as t0 set ${sets} from json_populate_record(null::${table},
    $${parts.params.push(JSON.stringify(call.body))}::json) _src where ${where}`;
}

interface ReadRows {
  rows: unknown[];
  total?: number;
  offset: number;
}

async function readRows(tx: Tx, call: RestCall, cache: SchemaCache): Promise<ReadRows> {
  const parts: SqlParts = { params: [] };
  const where = whereSql('t0', call.search, parts);
  const page = pageSql(call.search);
  const from = `from public.${ident(call.table)} t0 ${where ? `where ${where}` : ''}`;
  const list = selectListSql(cache, call.table, 't0', call.search.get('select'));
  const result = await tx.query<{ body: unknown[] }>(
    `select coalesce(json_agg(_r), '[]'::json) as body
    from (select ${list} ${from} ${orderSql('t0', call.search.get('order'))} ${page.sql}) _r`,
    parts.params,
  );
  let total: number | undefined;
  if (preferred(call.prefer, 'count') === 'exact') {
    total = Number((await tx.query<{ n: number }>(`select count(*)::int as n ${from}`, parts.params)).rows[0]?.n ?? 0);
  }
  return { rows: result.rows[0]?.body ?? [], total, offset: page.offset };
}

async function writeRows(tx: Tx, call: RestCall, cache: SchemaCache): Promise<unknown[]> {
  const parts: SqlParts = { params: [] };
  const statement = modifySql(call, parts);
  const list = selectListSql(cache, call.table, 't0', call.search.get('select'));
  const result = await tx.query<{ body: unknown[] }>(
    `with _m as (${statement} returning t0.*)
    select coalesce(json_agg(_r), '[]'::json) as body from (select ${list} from _m t0) _r`,
    parts.params,
  );
  return result.rows[0]?.body ?? [];
}

function contentRange(offset: number, count: number, total: number | undefined): string {
  const range = count === 0 ? '*' : `${offset}-${offset + count - 1}`;
  return `${range}/${total ?? '*'}`;
}

/** Runs one table call inside the caller's transaction and shapes the reply as PostgREST does. */
export async function answerTable(tx: Tx, call: RestCall, cache: SchemaCache): Promise<Reply> {
  if (!cache.tables.has(call.table)) {
    return restError(404, 'PGRST205', `Could not find the table 'public.${call.table}' in the schema cache`);
  }
  const single = call.accept.includes(OBJECT_TYPE);
  const reading = call.method === 'GET' || call.method === 'HEAD';
  const { rows, total, offset } = reading
    ? await readRows(tx, call, cache)
    : { rows: await writeRows(tx, call, cache), total: undefined, offset: 0 };
  if (single && rows.length !== 1) throw new SingleObjectError(rows.length);
  const representation = reading || preferred(call.prefer, 'return') === 'representation';
  const range = contentRange(offset, rows.length, total ?? (reading ? undefined : rows.length));
  const headers: Record<string, string> = { 'content-range': range };
  if (call.method === 'POST' && !representation) return { status: 201, headers };
  if (!representation) return { status: 204, headers };
  const status = call.method === 'POST' ? 201 : 200;
  const body = single ? rows[0] : rows;
  const type = single ? `${OBJECT_TYPE}; charset=utf-8` : 'application/json; charset=utf-8';
  return { status, headers: { ...headers, 'content-type': type }, body };
}

/** PGRST116 for a single-object request that did not find exactly one row. */
export function singleObjectReply(error: unknown): Reply | undefined {
  if (!(error instanceof SingleObjectError)) return undefined;
  return restError(
    406,
    'PGRST116',
    'JSON object requested, multiple (or no) rows returned',
    `The result contains ${error.rows} rows`,
  );
}
