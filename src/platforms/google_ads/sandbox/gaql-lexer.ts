/**
 * GAQL lexer for the sandbox (docs: developers.google.com/google-ads/api/docs/query/grammar) and the QueryError
 * codes it and the parser raise (errors/query_error.proto).
 */

export type QueryErrorCode =
  | 'QUERY_ERROR'
  | 'BAD_ENUM_CONSTANT'
  | 'BAD_ESCAPE_SEQUENCE'
  | 'BAD_FIELD_NAME'
  | 'BAD_LIMIT_VALUE'
  | 'BAD_OPERATOR'
  | 'BAD_RESOURCE_TYPE_IN_FROM_CLAUSE'
  | 'BAD_SYMBOL'
  | 'BAD_VALUE'
  | 'DATE_RANGE_TOO_NARROW'
  | 'EXPECTED_AND'
  | 'EXPECTED_FILTERS_ON_DATE_RANGE'
  | 'EXPECTED_FROM'
  | 'EXPECTED_LIST'
  | 'EXPECTED_SELECT'
  | 'INVALID_DATE_FORMAT'
  | 'INVALID_VALUE_WITH_BETWEEN_OPERATOR'
  | 'OPERATOR_FIELD_MISMATCH'
  | 'PROHIBITED_EMPTY_LIST_IN_CONDITION'
  | 'PROHIBITED_FIELD_IN_WHERE_CLAUSE'
  | 'PROHIBITED_NEWLINE_IN_STRING'
  | 'PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE'
  | 'STRING_NOT_TERMINATED'
  | 'UNEXPECTED_END_OF_QUERY'
  | 'UNEXPECTED_INPUT'
  | 'UNRECOGNIZED_FIELD';

export class GaqlError extends Error {
  constructor(
    readonly code: QueryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GaqlError';
  }
}

export interface Token {
  type: 'word' | 'string' | 'number' | 'punct' | 'op';
  text: string;
}

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === "'" || ch === '"') {
      let text = '';
      let j = i + 1;
      for (;;) {
        const c = query[j];
        if (c === undefined) throw new GaqlError('STRING_NOT_TERMINATED', `Query contains an unterminated string.`);
        if (c === '\n') throw new GaqlError('PROHIBITED_NEWLINE_IN_STRING', 'Query has a string containing a newline.');
        if (c === ch) break;
        if (c === '\\') {
          const next = query[j + 1];
          if (next !== "'" && next !== '"' && next !== '\\') {
            throw new GaqlError('BAD_ESCAPE_SEQUENCE', 'Query contains an invalid escape sequence.');
          }
          text += next;
          j += 2;
          continue;
        }
        text += c;
        j += 1;
      }
      tokens.push({ type: 'string', text });
      i = j + 1;
    } else if (/[-\d]/.test(ch) && /^-?\d/.test(query.slice(i, i + 2))) {
      const match = /^-?\d+(\.\d+)?/.exec(query.slice(i)) as RegExpExecArray;
      tokens.push({ type: 'number', text: match[0] });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(query.slice(i)) as RegExpExecArray;
      tokens.push({ type: 'word', text: match[0] });
      i += match[0].length;
    } else if (ch === ',' || ch === '(' || ch === ')') {
      tokens.push({ type: 'punct', text: ch });
      i += 1;
    } else if (/[=!<>]/.test(ch)) {
      const match = /^(!=|>=|<=|=|>|<)/.exec(query.slice(i));
      if (!match) throw new GaqlError('BAD_OPERATOR', `Invalid operator at position ${i}.`);
      tokens.push({ type: 'op', text: match[0] });
      i += match[0].length;
    } else if (ch.charCodeAt(0) > 127) {
      throw new GaqlError('BAD_SYMBOL', `Non-ASCII symbol '${ch}' outside of a string.`);
    } else {
      throw new GaqlError('UNEXPECTED_INPUT', `Unexpected '${ch}' at position ${i}.`);
    }
  }
  return tokens;
}
