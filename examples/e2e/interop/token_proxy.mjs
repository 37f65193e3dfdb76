// A pass-through HTTP proxy that adds "Authorization: Bearer <TOKEN>" to every request that has no
// Authorization header, so tools that cannot authenticate (the MCP conformance suite's server
// scenarios) can test an AuthPlane-protected MCP server with a valid token. Streams both ways (SSE),
// keeps every other header (Host and Origin included). Usage:
//   TOKEN=… node token_proxy.mjs <listen port> <target origin, e.g. http://localhost:8080>
import http from 'node:http';

const [port, target] = process.argv.slice(2);
const upstream = new URL(target);
const token = process.env.TOKEN;

http.createServer((req, res) => {
  const headers = { ...req.headers };
  if (!headers.authorization) {
    headers.authorization = `Bearer ${token}`;
  }
  const forward = http.request({
    hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers,
  }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  forward.on('error', (e) => {
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'bad_gateway', error_description: e.message }));
  });
  req.pipe(forward);
}).listen(Number(port), '127.0.0.1', () => console.log(`token proxy ready on ${port} -> ${target}`));
