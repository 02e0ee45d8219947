/**
 * `POST /rest/v1/rpc/<function>`: calls a function of `public` with named arguments taken from the
 * JSON body (converted to the declared types by `json_to_record`, as PostgREST does). A function
 * returning a row answers an object, a set answers an array, a scalar (json included) answers itself.
 */
import type { Reply } from '../http.ts';
import type { Tx } from './database.ts';
import { restError } from './postgrest-errors.ts';
import { ident, QueryError } from './postgrest-query.ts';

interface FunctionInfo {
  names: string[];
  types: string[];
  returns_set: boolean;
  returns_row: boolean;
}

async function describeFunction(tx: Tx, name: string): Promise<FunctionInfo | undefined> {
  const found = await tx.query<FunctionInfo>(
    `
    select coalesce(p.proargnames[1:p.pronargs], '{}') as names,
           array(select format_type(t, null) from unnest(p.proargtypes) t) as types,
           p.proretset as returns_set, r.typtype = 'c' as returns_row
      from pg_proc p join pg_type r on r.oid = p.prorettype
     where p.pronamespace = 'public'::regnamespace and p.proname = $1 and p.prokind = 'f'`,
    [name],
  );
  return found.rows.length === 1 ? found.rows[0] : undefined;
}

/** Calls the function inside the caller's transaction. */
export async function answerRpc(tx: Tx, name: string, body: unknown): Promise<Reply> {
  const args = body === undefined ? {} : body;
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new QueryError('PGRST102', 'Empty or invalid json', 'An RPC expects a JSON object of named arguments');
  }
  const given = Object.keys(args);
  const info = /^[A-Za-z_]\w*$/.test(name) ? await describeFunction(tx, name) : undefined;
  if (!info || given.some((key) => !info.names.includes(key))) {
    const list = given.join(', ');
    return restError(
      404,
      'PGRST202',
      `Could not find the function public.${name}(${list}) in the schema cache`,
      `Searched for the function public.${name} with parameters ${list || 'none'}, but no matches were found.`,
    );
  }
  const declared = given.map((key) => `${ident(key)} ${info.types[info.names.indexOf(key)]}`).join(', ');
  const call = `public.${ident(name)}(${given.map((key) => `${ident(key)} => _args.${ident(key)}`).join(', ')})`;
  const source = given.length > 0 ? `from json_to_record($1::json) as _args(${declared})` : '';
  const params = given.length > 0 ? [JSON.stringify(args)] : [];
  if (info.returns_set || info.returns_row) {
    const from = source ? `${source},` : 'from';
    const result = await tx.query<{ body: unknown[] }>(
      `select coalesce(json_agg(_r), '[]'::json) as body from (select _f.* ${from} ${call} _f) _r`,
      params,
    );
    const rows = result.rows[0]?.body ?? [];
    return { status: 200, body: info.returns_set ? rows : (rows[0] ?? null) };
  }
  const result = await tx.query<{ body: unknown }>(`select to_json(${call}) as body ${source}`, params);
  return { status: 200, body: result.rows[0]?.body ?? null };
}
