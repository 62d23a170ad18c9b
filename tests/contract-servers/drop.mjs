// A scripted dropped connection, shared by the contract servers (GMS, Workspace, Genesys Cloud).

/**
 * The connection drops before the answer. In Firefox it is cut after the answer's head instead
 * (a 200 head and one byte of its body): Firefox sends a GET again by itself (up to 10 times,
 * on a fresh connection too) when its connection closes before any byte of an answer, so the
 * page would see a success, or the log requests the page never made. WebKit takes a body shorter
 * than its Content-Length as whole, so it gets the plain drop, as Chromium does.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function drop(req, res) {
  if (!/\bFirefox\//.test(req.headers['user-agent'] ?? '')) {
    req.socket.destroy();
    return;
  }
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': '1024' });
  res.write('{', () => res.socket?.destroy());
}
