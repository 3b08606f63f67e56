import { startStack } from './stack.ts';

const stack = await startStack({
  port: Number(process.env.PORT ?? 3000),
  proxyPort: Number(process.env.PROXY_PORT ?? 8787),
});
console.log(`browser-follow: open ${stack.url} (the edge proxy is at ${stack.proxyUrl}); Ctrl-C stops`);
const stop = () => void stack.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
