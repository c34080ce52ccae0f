// Loopback HTTP server for the client benchmark (its own process): keep-alive, answers
// every request with the same small JSON body after reading the request body.
import { createServer } from 'node:http';

const BODY = JSON.stringify({ requests: [{ provisionerId: 'p', workerType: 'w', cacheName: 'c', before: '2024-01-01T00:00:00.000Z' }] });
const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) });
    res.end(BODY);
  });
});
server.listen(0, '127.0.0.1', () => process.send?.(server.address().port));
process.on('disconnect', () => process.exit(0));
