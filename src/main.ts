// The process's entry point (`node dist/main.js`). Signals are caught before anything else loads,
// so that a SIGTERM during the second or so of loading ends the process cleanly (exit 0) instead
// of killing it; the server is imported only then.
import { tuneHeap } from './service/heap.ts';
import { Shutdown } from './service/shutdown.ts';

const shutdown = new Shutdown();
// Full collections before the heap has grown far past what is live (src/service/heap.ts).
tuneHeap();
try {
  const { runServer } = await import('./service/server.ts');
  process.exit(await runServer(shutdown));
} catch (error) {
  console.error(error);
  process.exit(1);
}
