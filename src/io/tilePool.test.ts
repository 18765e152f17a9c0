import { describe, expect, it } from 'vitest';
import { releaseTile, takeTile } from './tilePool';

describe('tilePool', () => {
  it('hands a released buffer out again, for the same size only', () => {
    const a = takeTile(1024);
    expect(a.length).toBe(1024);
    releaseTile(a.buffer);
    expect(takeTile(2048).buffer).not.toBe(a.buffer);
    const b = takeTile(1024);
    expect(b.buffer).toBe(a.buffer);
    expect(takeTile(1024).buffer).not.toBe(a.buffer); // handed out once: not twice
  });

  it('takes back only its own buffers, and each once', () => {
    const foreign = new ArrayBuffer(4096);
    releaseTile(foreign);
    expect(takeTile(4096).buffer).not.toBe(foreign);
    const c = takeTile(512);
    releaseTile(c.buffer);
    releaseTile(c.buffer); // a second release is ignored
    const d = takeTile(512);
    const e = takeTile(512);
    expect(d.buffer).toBe(c.buffer);
    expect(e.buffer).not.toBe(c.buffer);
  });
});
