/**
 * PostgREST's `select=` with embedded resources, turned into one SQL select list. A many-to-one embed
 * (the row's foreign key points at the target) becomes a JSON object or null; a one-to-many embed (the
 * target points back) becomes a JSON array. Embeds nest; row-level security applies inside them too.
 */
import { ident, QueryError, splitTopLevel, type ForeignKey } from './postgrest-query.ts';

/** The relations PostgREST would find in its schema cache. */
export interface SchemaCache {
  tables: ReadonlySet<string>;
  foreignKeys: readonly ForeignKey[];
}

const EMBED = /^(?:([A-Za-z_]\w*):)?([A-Za-z_]\w*)(?:!([A-Za-z_]\w*))?\((.*)\)$/s;
const COLUMN = /^(?:([A-Za-z_]\w*):)?([A-Za-z_]\w*|\*)(?:::([A-Za-z_]\w*))?$/;

interface Embed {
  name: string;
  inner: string;
}

function embedSql(cache: SchemaCache, table: string, alias: string, embed: Embed, depth: number): string {
  const { name, inner } = embed;
  const child = `t${depth}`;
  const manyToOne = cache.foreignKeys.find(
    (fk) => fk.fromTable === table && (fk.toTable === name || fk.fromColumn === name),
  );
  if (manyToOne) {
    const list = selectListSql(cache, manyToOne.toTable, child, inner, depth + 1);
    return `(select row_to_json(_e) from (select ${list} from public.${ident(manyToOne.toTable)} ${child}
      where ${child}.${ident(manyToOne.toColumn)} = ${alias}.${ident(manyToOne.fromColumn)}) _e)`;
  }
  const oneToMany = cache.foreignKeys.find((fk) => fk.toTable === table && fk.fromTable === name);
  if (oneToMany) {
    const list = selectListSql(cache, name, child, inner, depth + 1);
    return `coalesce((select json_agg(_e) from (select ${list} from public.${ident(name)} ${child}
      where ${child}.${ident(oneToMany.fromColumn)} = ${alias}.${ident(oneToMany.toColumn)}) _e), '[]'::json)`;
  }
  throw new QueryError(
    'PGRST200',
    `Could not find a relationship between '${table}' and '${name}' in the schema cache`,
    `Searched for a foreign key relationship between '${table}' and '${name}' in the schema 'public', ` +
      'but no matches were found.',
  );
}

/** The SQL select list of `select=` for rows of `table` aliased `alias` (`*` when absent). */
export function selectListSql(
  cache: SchemaCache,
  table: string,
  alias: string,
  select: string | null,
  depth = 1,
): string {
  const items = splitTopLevel(select ?? '*');
  if (items.length === 0) return `${alias}.*`;
  return items
    .map((item) => {
      const embed = EMBED.exec(item);
      if (embed) {
        const [, label, name = '', , inner = ''] = embed;
        return `${embedSql(cache, table, alias, { name, inner }, depth)} as ${ident(label ?? name)}`;
      }
      const column = COLUMN.exec(item);
      if (!column) {
        throw new QueryError('PGRST100', `failed to parse select parameter (${select})`, `unexpected "${item}"`);
      }
      const [, label, name = '', cast] = column;
      if (name === '*') return `${alias}.*`;
      const value = cast ? `${alias}.${ident(name)}::${ident(cast)}` : `${alias}.${ident(name)}`;
      return `${value} as ${ident(label ?? name)}`;
    })
    .join(', ');
}
