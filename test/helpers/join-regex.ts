/**
 * One regular expression from several literal pieces, so that a long expected message can be written over several
 * lines without changing what it matches: the pieces' sources are joined exactly as they are.
 */
export function joinRegex(pieces: readonly RegExp[], flags = ''): RegExp {
  return new RegExp(pieces.map((piece) => piece.source).join(''), flags);
}
