import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpRelay, type TcpRelay } from './tcp-relay.ts';
import { waitFor } from './wait.ts';

/** Connects to the relay and resolves once the echo server answered `hello`. */
async function echoClient(relay: TcpRelay): Promise<Socket> {
  const socket = connect({ host: relay.host, port: relay.port });
  socket.setEncoding('utf8');
  socket.on('error', () => {});
  socket.write('hello');
  const [echoed] = await once(socket, 'data');
  expect(echoed).toBe('hello');
  return socket;
}

/** Resolves when the socket closes (an `error` first, such as ECONNRESET, is expected). */
function closeOf(socket: Socket): Promise<void> {
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

describe('startTcpRelay', () => {
  let echo: Server;
  let relay: TcpRelay;

  beforeAll(async () => {
    echo = createServer((socket) => {
      socket.on('error', () => {});
      socket.pipe(socket);
    });
    echo.listen(0, '127.0.0.1');
    await once(echo, 'listening');
    relay = await startTcpRelay({
      targetHost: '127.0.0.1',
      targetPort: (echo.address() as AddressInfo).port,
    });
  });

  afterAll(async () => {
    await relay.close();
    await new Promise((resolve) => echo.close(resolve));
  });

  it('relays bytes both ways and counts open connections', async () => {
    const a = await echoClient(relay);
    const b = await echoClient(relay);
    expect(relay.host).toBe('127.0.0.1');
    expect(relay.connections()).toBe(2);
    a.end();
    await waitFor('the ended connection to be gone', () => relay.connections() === 1);
    b.destroy();
    await waitFor('no connections', () => relay.connections() === 0);
  });

  it('cut() resets every open connection and returns how many, then relays new ones', async () => {
    const clients = [await echoClient(relay), await echoClient(relay), await echoClient(relay)];
    const closed = clients.map(closeOf);
    expect(relay.cut()).toBe(3);
    await Promise.all(closed);
    expect(relay.connections()).toBe(0);
    const again = await echoClient(relay);
    expect(relay.connections()).toBe(1);
    again.destroy();
  });

  it('close() stops listening and drops open connections', async () => {
    const other = await startTcpRelay({
      targetHost: '127.0.0.1',
      targetPort: (echo.address() as AddressInfo).port,
    });
    const client = await echoClient(other);
    const closed = closeOf(client);
    await other.close();
    await closed;
    const refused = connect({ host: '127.0.0.1', port: other.port });
    const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
    expect(error.code).toBe('ECONNREFUSED');
  });
});
