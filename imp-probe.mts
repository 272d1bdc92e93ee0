const t0 = performance.now();
const mod = process.argv[2];
await import(mod);
console.log(mod, (performance.now() - t0).toFixed(0), 'ms', (process.memoryUsage().rss/1048576).toFixed(0), 'MB');
