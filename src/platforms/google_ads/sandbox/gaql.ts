import { addDays, isIsoDate, type IsoDate } from '../../../domain/dates';
import { GaqlError, tokenize, type Token } from './gaql-lexer';
import { FIELDS, GAQL_RESOURCES, type GaqlResource } from './schema';

/**
 * A small, strict GAQL parser for the queries the sandbox serves (docs: developers.google.com/google-ads/api/docs/
 * query/grammar): SELECT fields FROM resource [WHERE cond (AND cond)*] [LIMIT n]. Conditions: =, !=, >, >=, <, <=,
 * IN (...), NOT IN (...), BETWEEN a AND b. ORDER BY, DURING, LIKE and PARAMETERS are valid GAQL the sandbox does not
 * implement; they fail with a message that says so. Error codes are QueryError values (errors/query_error.proto).
 */

export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'IN' | 'NOT IN' | 'BETWEEN';

/** A literal: quoted string, number, or bare enum constant (ENABLED). */
export interface Literal {
  kind: 'string' | 'number' | 'constant';
  text: string;
}

export interface Condition {
  field: string;
  operator: Operator;
  values: Literal[];
}

export interface GaqlQuery {
  resource: GaqlResource;
  fields: string[];
  conditions: Condition[];
  limit?: number;
  /** Inclusive segments.date bounds from WHERE, when both are given. */
  dateRange?: { from: IsoDate; to: IsoDate };
}

class Cursor {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  next(): Token {
    const token = this.tokens[this.i];
    if (!token) throw new GaqlError('UNEXPECTED_END_OF_QUERY', 'Query is incomplete and cannot be parsed.');
    this.i += 1;
    return token;
  }
  keyword(word: string): boolean {
    const token = this.peek();
    if (token?.type === 'word' && token.text.toUpperCase() === word) {
      this.i += 1;
      return true;
    }
    return false;
  }
  punct(text: string): boolean {
    const token = this.peek();
    if (token?.type === 'punct' && token.text === text) {
      this.i += 1;
      return true;
    }
    return false;
  }
}

const UNSUPPORTED = new Set(['ORDER', 'DURING', 'LIKE', 'CONTAINS', 'PARAMETERS', 'REGEXP_MATCH', 'IS']);

function fieldName(cursor: Cursor): string {
  const token = cursor.next();
  if (token.type !== 'word' || !/^[a-z_]+\.[a-z_.]+$/.test(token.text)) {
    throw new GaqlError('BAD_FIELD_NAME', `Field name is invalid: '${token.text}'.`);
  }
  return token.text;
}

function literal(cursor: Cursor): Literal {
  const token = cursor.next();
  if (token.type === 'string') return { kind: 'string', text: token.text };
  if (token.type === 'number') return { kind: 'number', text: token.text };
  if (token.type === 'word' && /^[A-Z_][A-Z0-9_]*$/.test(token.text)) return { kind: 'constant', text: token.text };
  throw new GaqlError('BAD_VALUE', `Value is invalid: '${token.text}'.`);
}

function condition(cursor: Cursor): Condition {
  const field = fieldName(cursor);
  const token = cursor.next();
  if (token.type === 'op') return { field, operator: token.text as Operator, values: [literal(cursor)] };
  const word = token.type === 'word' ? token.text.toUpperCase() : '';
  if (word === 'BETWEEN') {
    const low = literal(cursor);
    if (!cursor.keyword('AND')) throw new GaqlError('EXPECTED_AND', 'Expected AND between values with BETWEEN.');
    return { field, operator: 'BETWEEN', values: [low, literal(cursor)] };
  }
  const not = word === 'NOT';
  if (word === 'IN' || (not && cursor.keyword('IN'))) {
    if (!cursor.punct('(')) throw new GaqlError('EXPECTED_LIST', `${not ? 'NOT IN' : 'IN'} requires a list.`);
    const values: Literal[] = [];
    if (!cursor.punct(')')) {
      do values.push(literal(cursor));
      while (cursor.punct(','));
      if (!cursor.punct(')')) throw new GaqlError('EXPECTED_LIST', 'Expected ) to close the list.');
    }
    if (values.length === 0) throw new GaqlError('PROHIBITED_EMPTY_LIST_IN_CONDITION', 'Empty list in condition.');
    return { field, operator: not ? 'NOT IN' : 'IN', values };
  }
  if (UNSUPPORTED.has(word)) throw new GaqlError('QUERY_ERROR', `The sandbox does not implement the ${word} operator.`);
  throw new GaqlError('BAD_OPERATOR', `Invalid operator '${token.text}'.`);
}

const OPERATORS: Record<string, readonly Operator[]> = {
  date: ['=', '!=', '>', '>=', '<', '<=', 'BETWEEN', 'IN', 'NOT IN'],
  enum: ['=', '!=', 'IN', 'NOT IN'],
  id: ['=', '!=', '>', '>=', '<', '<=', 'IN', 'NOT IN'],
  string: ['=', '!=', 'IN', 'NOT IN'],
};

function checkCondition(c: Condition, resource: GaqlResource): void {
  const spec = FIELDS[c.field];
  if (!spec) throw new GaqlError('UNRECOGNIZED_FIELD', `Unrecognized field in the query: '${c.field}'.`);
  if (!spec.from.includes(resource) || !spec.filter) {
    throw new GaqlError('PROHIBITED_FIELD_IN_WHERE_CLAUSE', `Field '${c.field}' cannot be filtered here.`);
  }
  if (!OPERATORS[spec.filter]?.includes(c.operator)) {
    throw new GaqlError('OPERATOR_FIELD_MISMATCH', `Operator ${c.operator} cannot be used with '${c.field}'.`);
  }
  for (const v of c.values) {
    if (spec.filter === 'date' && (v.kind !== 'string' || !isIsoDate(v.text))) {
      throw new GaqlError(
        c.operator === 'BETWEEN' ? 'INVALID_VALUE_WITH_BETWEEN_OPERATOR' : 'INVALID_DATE_FORMAT',
        `Invalid date '${v.text}' for '${c.field}'. Expected 'YYYY-MM-DD'.`,
      );
    }
    if (spec.filter === 'enum' && !spec.enumValues?.includes(v.text)) {
      throw new GaqlError('BAD_ENUM_CONSTANT', `Invalid enum constant '${v.text}' for '${c.field}'.`);
    }
    if (spec.filter === 'id' && !/^\d+$/.test(v.text)) {
      throw new GaqlError('BAD_VALUE', `Invalid id '${v.text}' for '${c.field}'.`);
    }
    if (spec.filter === 'string' && v.kind !== 'string') {
      throw new GaqlError('BAD_VALUE', `Expected a quoted string for '${c.field}'.`);
    }
  }
}

/** Inclusive bounds the conditions put on segments.date; undefined ends mean unbounded. */
function dateBounds(conditions: Condition[]): { from?: IsoDate; to?: IsoDate } {
  let from: IsoDate | undefined;
  let to: IsoDate | undefined;
  const raise = (d: IsoDate) => (from = from === undefined || d > from ? d : from);
  const lower = (d: IsoDate) => (to = to === undefined || d < to ? d : to);
  for (const c of conditions.filter((x) => x.field === 'segments.date')) {
    const [a, b] = c.values.map((v) => v.text) as [IsoDate, IsoDate | undefined];
    if (c.operator === 'BETWEEN' && b !== undefined) {
      raise(a);
      lower(b);
    } else if (c.operator === '=') {
      raise(a);
      lower(a);
    } else if (c.operator === '>=') raise(a);
    else if (c.operator === '>') raise(addDays(a, 1));
    else if (c.operator === '<=') lower(a);
    else if (c.operator === '<') lower(addDays(a, -1));
  }
  return { from, to };
}

export function parseGaql(query: string): GaqlQuery {
  const cursor = new Cursor(tokenize(query));
  if (!cursor.keyword('SELECT')) throw new GaqlError('EXPECTED_SELECT', 'SELECT is missing at the beginning of query.');
  const fields: string[] = [];
  do fields.push(fieldName(cursor));
  while (cursor.punct(','));
  if (!cursor.keyword('FROM')) throw new GaqlError('EXPECTED_FROM', 'Missing FROM clause.');
  const from = cursor.next();
  const resource = GAQL_RESOURCES.find((r) => from.type === 'word' && r === from.text);
  if (!resource) {
    throw new GaqlError(
      'BAD_RESOURCE_TYPE_IN_FROM_CLAUSE',
      `Invalid resource '${from.text}' in the FROM clause (the sandbox serves ${GAQL_RESOURCES.join(', ')}).`,
    );
  }
  const conditions: Condition[] = [];
  if (cursor.keyword('WHERE')) {
    do conditions.push(condition(cursor));
    while (cursor.keyword('AND'));
  }
  let limit: number | undefined;
  if (cursor.keyword('LIMIT')) {
    const token = cursor.next();
    limit = Number(token.text);
    if (token.type !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
      throw new GaqlError('BAD_LIMIT_VALUE', `Limit value is invalid: '${token.text}'.`);
    }
  }
  const rest = cursor.peek();
  if (rest) {
    const word = rest.text.toUpperCase();
    if (UNSUPPORTED.has(word)) throw new GaqlError('QUERY_ERROR', `The sandbox does not implement ${word}.`);
    throw new GaqlError('UNEXPECTED_INPUT', `Query has an unexpected extra part: '${rest.text}'.`);
  }

  const unknown = fields.filter((f) => !FIELDS[f]);
  if (unknown.length > 0) {
    throw new GaqlError('UNRECOGNIZED_FIELD', `Unrecognized fields in the query: '${unknown.join("', '")}'.`);
  }
  const foreign = fields.filter((f) => !FIELDS[f]?.from.includes(resource));
  if (foreign.length > 0) {
    throw new GaqlError(
      'PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE',
      `Fields '${foreign.join("', '")}' cannot be selected FROM ${resource} in the sandbox.`,
    );
  }
  for (const c of conditions) checkCondition(c, resource);

  const segmented = fields.includes('segments.date');
  const hasMetrics = fields.some((f) => FIELDS[f]?.kind === 'metric');
  const filtersDate = conditions.some((c) => c.field === 'segments.date');
  const bounds = dateBounds(conditions);
  if (segmented && (bounds.from === undefined || bounds.to === undefined)) {
    throw new GaqlError('EXPECTED_FILTERS_ON_DATE_RANGE', 'segments.date is selected: filter it to a finite range.');
  }
  if ((hasMetrics || filtersDate) && !segmented) {
    throw new GaqlError('QUERY_ERROR', 'The sandbox serves metrics per day only: select segments.date.');
  }
  if (bounds.from !== undefined && bounds.to !== undefined && bounds.from > bounds.to) {
    throw new GaqlError(
      'DATE_RANGE_TOO_NARROW',
      `The date range starts after it ends (${bounds.from} > ${bounds.to}).`,
    );
  }
  const dateRange = segmented ? { from: bounds.from as IsoDate, to: bounds.to as IsoDate } : undefined;
  return { resource, fields, conditions, limit, dateRange };
}

/** Whether a row's value satisfies a (checked) condition. Dates and strings compare as text, ids as BigInt. */
export function satisfies(c: Condition, value: unknown): boolean {
  if (value === undefined) return false;
  const isId = FIELDS[c.field]?.filter === 'id';
  const cmp = (v: Literal): number => {
    if (isId) {
      const [a, b] = [BigInt(String(value)), BigInt(v.text)];
      return a === b ? 0 : a < b ? -1 : 1;
    }
    const a = String(value);
    return a === v.text ? 0 : a < v.text ? -1 : 1;
  };
  const [first, second] = c.values as [Literal, Literal | undefined];
  switch (c.operator) {
    case '=':
      return cmp(first) === 0;
    case '!=':
      return cmp(first) !== 0;
    case '>':
      return cmp(first) > 0;
    case '>=':
      return cmp(first) >= 0;
    case '<':
      return cmp(first) < 0;
    case '<=':
      return cmp(first) <= 0;
    case 'BETWEEN':
      return cmp(first) >= 0 && second !== undefined && cmp(second) <= 0;
    case 'IN':
      return c.values.some((v) => cmp(v) === 0);
    case 'NOT IN':
      return c.values.every((v) => cmp(v) !== 0);
  }
}
