import { describe, expect, it, vi } from 'vitest';
import type { RecogniserOutput } from './pipeline';
import { spreadOverRecognisers, type LineRecogniser } from './recognition-lanes';

/** A recogniser that answers with its name after `ms`, and records how many lines it read at once. */
function slowRecogniser(name: number, ms: number, log: { name: number; width: number }[]) {
  let busy = 0;
  let mostAtOnce = 0;
  const recognise: LineRecogniser = async (_tensor, width) => {
    busy += 1;
    mostAtOnce = Math.max(mostAtOnce, busy);
    log.push({ name, width });
    await new Promise((resolve) => setTimeout(resolve, ms));
    busy -= 1;
    return { probs: new Float32Array([name]), steps: 1, classes: 1 };
  };
  return { recognise, mostAtOnce: () => mostAtOnce };
}

const line = (width: number): [Float32Array, number] => [new Float32Array(1), width];
const readBy = (output: RecogniserOutput) => output.probs[0];

describe('spreadOverRecognisers', () => {
  it('reads lines on every recogniser side by side, each one line at a time', async () => {
    const log: { name: number; width: number }[] = [];
    const one = slowRecogniser(1, 20, log);
    const two = slowRecogniser(2, 20, log);
    const { recognise } = spreadOverRecognisers([async () => one.recognise, async () => two.recognise]);

    const outputs = await Promise.all([10, 20, 30, 40, 50, 60].map((width) => recognise(...line(width))));
    expect(log.map((entry) => entry.width).sort((a, b) => a - b)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(new Set(outputs.map(readBy))).toEqual(new Set([1, 2]));
    expect(log.filter((entry) => entry.name === 1).length).toBeGreaterThanOrEqual(2);
    expect(log.filter((entry) => entry.name === 2).length).toBeGreaterThanOrEqual(2);
    expect([one.mostAtOnce(), two.mostAtOnce()]).toEqual([1, 1]);
  });

  it('hands a waiting line to a recogniser whose answer came back while another keeps computing', async () => {
    // The worker's own session never yields while it computes: its next line must wait a task,
    // so that the other recogniser, whose answer is a message, gets lines too.
    const log: { name: number; width: number }[] = [];
    const busyLoop: LineRecogniser = async (_tensor, width) => {
      log.push({ name: 1, width });
      const until = Date.now() + 15;
      while (Date.now() < until) {
        /* computing */
      }
      return { probs: new Float32Array([1]), steps: 1, classes: 1 };
    };
    const other = slowRecogniser(2, 5, log);
    const { recognise } = spreadOverRecognisers([async () => busyLoop, async () => other.recognise]);
    await recognise(...line(1));
    await Promise.all([2, 3, 4, 5, 6, 7].map((width) => recognise(...line(width))));
    expect(log.filter((entry) => entry.name === 2).length).toBeGreaterThanOrEqual(2);
  });

  it('starts the recognisers on the first line only, once', async () => {
    const start = vi.fn(async () => slowRecogniser(1, 1, []).recognise);
    const { recognise } = spreadOverRecognisers([start]);
    await Promise.resolve();
    expect(start).not.toHaveBeenCalled();
    await recognise(...line(1));
    await recognise(...line(2));
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('keeps lines waiting until a recogniser is ready, and reads them on the first that is', async () => {
    let ready!: (recogniser: LineRecogniser) => void;
    const late = new Promise<LineRecogniser>((resolve) => (ready = resolve));
    const log: { name: number; width: number }[] = [];
    const { recognise } = spreadOverRecognisers([() => late]);
    const pending = recognise(...line(7));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).toEqual([]);
    ready(slowRecogniser(3, 1, log).recognise);
    expect(readBy(await pending)).toBe(3);
  });

  it('leaves out a recogniser that cannot load, and reads every line on the others', async () => {
    const log: { name: number; width: number }[] = [];
    const { recognise } = spreadOverRecognisers([async () => Promise.reject(new Error('no memory')), async () => slowRecogniser(2, 1, log).recognise]);
    const outputs = await Promise.all([1, 2, 3].map((width) => recognise(...line(width))));
    expect(outputs.map(readBy)).toEqual([2, 2, 2]);
  });

  it('fails every line with the first load error when no recogniser can load', async () => {
    const { recognise } = spreadOverRecognisers([
      async () => Promise.reject(new Error('the model file answered 404')),
      () => new Promise<LineRecogniser>((_resolve, reject) => setTimeout(() => reject(new Error('later')), 5)),
    ]);
    await expect(Promise.all([recognise(...line(1)), recognise(...line(2))])).rejects.toThrow('the model file answered 404');
    await expect(recognise(...line(3))).rejects.toThrow('the model file answered 404');
  });

  it('fails only the line a recogniser failed on, and goes on reading with it', async () => {
    let calls = 0;
    const flaky: LineRecogniser = async () => {
      calls += 1;
      if (calls === 1) throw new Error('out of memory');
      return { probs: new Float32Array([9]), steps: 1, classes: 1 };
    };
    const { recognise } = spreadOverRecognisers([async () => flaky]);
    await expect(recognise(...line(1))).rejects.toThrow('out of memory');
    expect(readBy(await recognise(...line(2)))).toBe(9);
  });

  it('starts a recogniser added after the first line at once, and reads the next lines on it too', async () => {
    const log: { name: number; width: number }[] = [];
    const lanes = spreadOverRecognisers([async () => slowRecogniser(1, 20, log).recognise]);
    await lanes.recognise(...line(1));
    lanes.add(async () => slowRecogniser(2, 20, log).recognise);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const outputs = await Promise.all([2, 3].map((width) => lanes.recognise(...line(width))));
    expect(new Set(outputs.map(readBy))).toEqual(new Set([1, 2]));
  });

  it('reads on a recogniser added after every other one failed to load', async () => {
    const lanes = spreadOverRecognisers([async () => Promise.reject(new Error('no memory'))]);
    await expect(lanes.recognise(...line(1))).rejects.toThrow('no memory');
    lanes.add(async () => slowRecogniser(4, 1, []).recognise);
    expect(readBy(await lanes.recognise(...line(2)))).toBe(4);
  });

  it('needs at least one recogniser', () => {
    expect(() => spreadOverRecognisers([])).toThrow();
  });
});
