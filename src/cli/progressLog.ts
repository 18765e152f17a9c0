/** Progress on stderr: one updating line on a terminal, occasional plain lines otherwise. */
export function createProgressLog(stream: NodeJS.WriteStream) {
  const tty = !!stream.isTTY;
  let last = 0;
  let open = false;
  return {
    progress(stage: string, done: number, total: number) {
      const now = Date.now();
      if (tty) {
        stream.write(`\r\x1b[2K${stage} (${done}/${total})`);
        open = true;
      } else if (now - last > 1000 || done === total) {
        stream.write(`${stage} (${done}/${total})\n`);
        last = now;
      }
    },
    line(s: string) {
      if (open) stream.write('\r\x1b[2K');
      open = false;
      stream.write(`${s}\n`);
    },
    clear() {
      if (open) stream.write('\r\x1b[2K');
      open = false;
    },
  };
}
