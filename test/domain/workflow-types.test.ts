import { describe, expect, it } from 'vitest';
import { WORKFLOW_TYPES } from '../../src/domain/workflow-types';
import * as workflows from '../../src/workflows';

describe('workflow types', () => {
  it('lists exactly the workflows the worker registers, with a default for unknown types', () => {
    const exported = Object.keys(workflows).filter((name) => name !== 'default');
    expect([...exported].sort()).toEqual([...WORKFLOW_TYPES].sort());
    expect(typeof workflows.default).toBe('function');
  });
});
