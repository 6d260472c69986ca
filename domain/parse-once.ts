// Parse options for a value checked once in a process's life (its configuration, the tables
// compiled into it, the policy it starts with): without zod's compiled fast path. zod compiles a
// parser for an object schema on its first parse, which pays off only when the schema is parsed
// again and again; for one parse at a cold start the compiling was most of its cost (a
// function's configuration: 7.6 ms of CPU compiled, 2.9 ms without).
export const ONCE = { jitless: true } as const;
