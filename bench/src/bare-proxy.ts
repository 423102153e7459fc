// The floor for any Node.js reverse proxy on this machine, for proxy-list's comparison: a dozen lines that
// pipe every request to the API server with a bearer token over a keep-alive HTTPS agent, nothing else
// (no routing, no checks, no deadlines). Run as a child process: `node bare-proxy.ts <server> <token>`
// with the CA PEM on stdin; prints `listening on <url>`. `GET /__cpu` answers its CPU milliseconds.
import { createServer } from 'node:http';
import { Agent, request } from 'node:https';
import { text } from 'node:stream/consumers';

const [server = '', token = ''] = process.argv.slice(2);
const upstream = new URL(server);
const agent = new Agent({ ca: await text(process.stdin), keepAlive: true });

const proxy = createServer((req, res) => {
  if (req.url === '/__cpu') {
    const { user, system } = process.cpuUsage();
    res.end(String((user + system) / 1000));
    return;
  }
  const headers = { ...req.headers, host: upstream.host, authorization: `Bearer ${token}` };
  const up = request(
    { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  up.on('error', () => res.destroy());
  req.pipe(up);
});
proxy.listen(0, '127.0.0.1', () => {
  const address = proxy.address();
  if (address && typeof address === 'object') console.log(`listening on http://127.0.0.1:${address.port}`);
});
process.on('SIGINT', () => process.exit(0));
