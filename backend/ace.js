/*
| Ace entry point. The TypeScript hook lets `node ace` run the sources directly;
| `node ace build` writes its own build/ace.js without it.
*/
import '@poppinss/ts-exec'

await import('./bin/console.js')
