import { InputError } from '../../src/domain/workflow-input';
import { ResponseFormatError } from '../../src/connectors/errors';

/** The ResponseFormatError a parser throws; fails the test if it throws anything else or nothing. */
export function formatError(parse: () => unknown): ResponseFormatError {
  try {
    parse();
  } catch (err) {
    if (err instanceof ResponseFormatError) return err;
    throw err;
  }
  throw new Error('expected a ResponseFormatError, but the parser accepted the body');
}

/** The field a parser's ResponseFormatError names, or undefined when the parser accepted the body. */
export function fieldOf(parse: () => unknown): string | undefined {
  try {
    parse();
  } catch (err) {
    if (err instanceof ResponseFormatError) return err.field;
    throw err;
  }
  return undefined;
}

/** The problems a workflow-input parser names, joined with "; ", or '' when it accepts the input. */
export function inputProblems(parse: (raw: unknown) => unknown, raw: unknown): string {
  try {
    parse(raw);
  } catch (err) {
    if (err instanceof InputError) return err.problems.join('; ');
    throw err;
  }
  return '';
}
