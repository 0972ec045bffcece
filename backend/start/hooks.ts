/*
| Cross-module wiring done at boot (mergers, access resolvers, reviewers). Each module keeps
| its own hooks file; this preload only imports them.
*/
await import('#modules/coins/hooks')
await import('#modules/payments/hooks')
