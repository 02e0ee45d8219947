/**
 * PostgREST's URL grammar turned into SQL, as pure functions: `select=` with embedded relations,
 * horizontal filters (eq, neq, gt, gte, lt, lte, like, ilike, in, is, and `or=(…)`/`and=(…)`, each
 * with an optional `not.`), `order=`, `limit=`, `offset=`. Values always travel as parameters;
 * identifiers are checked against a strict pattern and quoted.
 */

/** A request the client got wrong: PostgREST's PGRST1xx family, status 400. */
export class QueryError extends Error {
  override name = 'QueryError';
  readonly code: string;
  readonly details: string | null;

  constructor(code: string, message: string, details: string | null = null) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** A single-column foreign key of the `public` schema. */
export interface ForeignKey {
  fromTable: string;
  fromColumn: string;
  toTable: string;
  toColumn: string;
}

/** SQL being built, and the parameters it refers to as `$n`. */
export interface SqlParts {
  params: unknown[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OPERATORS: Record<string, string> = {
  eq: '=',
  neq: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  like: 'like',
  ilike: 'ilike',
};

/** PGRST100: the query string could not be parsed. */
function parseError(what: string, input: string, details: string): QueryError {
  return new QueryError('PGRST100', `failed to parse ${what} (${input})`, details);
}
const RESERVED = new Set(['select', 'order', 'limit', 'offset', 'on_conflict', 'columns']);

/** Quotes an identifier after checking it. */
export function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new QueryError('PGRST100', `"${name}" is not a valid column or table name`);
  return `"${name}"`;
}

/** Splits on commas that are not inside parentheses or double quotes. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '(') depth += 1;
    else if (!quoted && char === ')') depth -= 1;
    if (char === ',' && depth === 0 && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  if (depth !== 0 || quoted) throw parseError('list', text, 'unbalanced parentheses or quotes');
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function param(parts: SqlParts, value: unknown): string {
  parts.params.push(value);
  return `$${parts.params.length}`;
}

const unquote = (value: string): string => (/^".*"$/.test(value) ? value.slice(1, -1) : value);

/** One `column=op.value` (or the `column.op.value` form used inside `or=(…)`) as SQL. */
export function filterSql(alias: string, column: string, expression: string, parts: SqlParts): string {
  const negate = expression.startsWith('not.');
  const rest = negate ? expression.slice(4) : expression;
  const dot = rest.indexOf('.');
  if (dot < 0) throw parseError('filter', expression, `unexpected end of input in "${column}=${expression}"`);
  const operator = rest.slice(0, dot);
  const value = rest.slice(dot + 1);
  const target = `${alias}.${ident(column)}`;
  const sql = comparisonSql(target, operator, value, parts, expression);
  return negate ? `not (${sql})` : sql;
}

function comparisonSql(target: string, operator: string, value: string, parts: SqlParts, expression: string): string {
  const sqlOperator = OPERATORS[operator];
  if (sqlOperator) {
    const bound = operator === 'like' || operator === 'ilike' ? value.replaceAll('*', '%') : value;
    return `${target} ${sqlOperator} ${param(parts, unquote(bound))}`;
  }
  if (operator === 'in') {
    const match = /^\((.*)\)$/.exec(value);
    if (!match) throw parseError('filter', expression, 'in. expects a list in parentheses');
    const items = splitTopLevel(match[1] ?? '').map(unquote);
    return items.length === 0 ? 'false' : `${target} in (${items.map((item) => param(parts, item)).join(', ')})`;
  }
  if (operator === 'is') {
    const literal = { null: 'null', true: 'true', false: 'false', unknown: 'unknown' }[value.toLowerCase()];
    if (!literal) throw parseError('filter', expression, 'is. accepts null, true, false or unknown');
    return `${target} is ${literal}`;
  }
  throw parseError('filter', expression, `unknown operator "${operator}"`);
}

/** `or=(a.eq.1,and(b.gt.2,c.is.null))` and `and=(…)`, nested, with optional `not.` prefixes. */
export function logicSql(alias: string, joiner: 'or' | 'and', list: string, parts: SqlParts): string {
  const match = /^\((.*)\)$/.exec(list);
  if (!match) throw parseError('logic tree', list, 'expected a list in parentheses');
  const terms = splitTopLevel(match[1] ?? '').map((term) => {
    const nested = /^(not\.)?(or|and)(\(.*\))$/.exec(term);
    if (nested) {
      const sql = logicSql(alias, nested[2] as 'or' | 'and', nested[3] ?? '', parts);
      return nested[1] ? `not ${sql}` : sql;
    }
    const dot = term.indexOf('.');
    if (dot < 0) throw parseError('logic tree', list, `"${term}" has no operator`);
    return filterSql(alias, term.slice(0, dot), term.slice(dot + 1), parts);
  });
  return `(${terms.join(` ${joiner} `)})`;
}

/** Every filter of the query string, AND-ed; `undefined` when there is none. */
export function whereSql(alias: string, search: URLSearchParams, parts: SqlParts): string | undefined {
  const clauses: string[] = [];
  for (const [key, value] of search) {
    if (RESERVED.has(key)) continue;
    if (key === 'or' || key === 'and') clauses.push(logicSql(alias, key, value, parts));
    else if (key === 'not.or' || key === 'not.and') {
      clauses.push(`not ${logicSql(alias, key.slice(4) as 'or' | 'and', value, parts)}`);
    } else if (key.includes('.')) {
      throw parseError('filter', key, 'filters on embedded resources are not supported here');
    } else clauses.push(filterSql(alias, key, value, parts));
  }
  return clauses.length > 0 ? clauses.join(' and ') : undefined;
}

/** `order=a.asc,b.desc.nullslast` → `order by …`; empty string when absent. */
export function orderSql(alias: string, order: string | null): string {
  if (!order) return '';
  const terms = splitTopLevel(order).map((term) => {
    const [column = '', ...modifiers] = term.split('.');
    const words = modifiers.map((modifier) => {
      const sql = { asc: 'asc', desc: 'desc', nullsfirst: 'nulls first', nullslast: 'nulls last' }[modifier];
      if (!sql) throw parseError('order', order, `unknown modifier "${modifier}"`);
      return sql;
    });
    return [`${alias}.${ident(column)}`, ...words].join(' ');
  });
  return `order by ${terms.join(', ')}`;
}

/** `limit=` / `offset=` as non-negative integers. */
export function pageSql(search: URLSearchParams): { sql: string; offset: number } {
  const read = (name: string): number | undefined => {
    const raw = search.get(name);
    if (raw === null) return undefined;
    if (!/^\d+$/.test(raw)) throw new QueryError('PGRST100', `"${name}" must be a non-negative integer, got "${raw}"`);
    return Number(raw);
  };
  const limit = read('limit');
  const offset = read('offset') ?? 0;
  return { sql: `${limit === undefined ? '' : `limit ${limit}`} ${offset ? `offset ${offset}` : ''}`.trim(), offset };
}
