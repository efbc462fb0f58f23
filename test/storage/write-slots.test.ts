import { describe, expect, it } from 'vitest';
import { MAX_CONCURRENT_WRITE_COMMANDS, withWriteSlot } from '../../src/storage/batches';

describe('write slots (FerretDB connection-pool guard)', () => {
  it('never runs more than the allowed number of write commands at once, and runs them all', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const command = (i: number) => async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5 + (i % 3)));
      running -= 1;
      done.push(i);
      return i;
    };
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => withWriteSlot(command(i))));
    expect(results).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(done).toHaveLength(25);
    expect(peak).toBe(MAX_CONCURRENT_WRITE_COMMANDS);
  });

  it('frees the slot when a command fails', async () => {
    const failing = Array.from({ length: 5 }, () =>
      withWriteSlot(async () => {
        throw new Error('write failed');
      }).catch((e: Error) => e.message),
    );
    expect(await Promise.all(failing)).toEqual(Array(5).fill('write failed'));
    await expect(withWriteSlot(async () => 'still works')).resolves.toBe('still works');
  });
});
