#!/usr/bin/env node
/**
 * A provider for Terraform to attach to (`TF_REATTACH_PROVIDERS`) that forwards every call to the
 * real AWS provider, started here in its debug mode, and answers the schema request itself.
 *
 *   node provider-proxy.js <provider binary> <folder> <kept types file>
 *
 * Every Terraform command asks the provider for its schema, some 4.9 MB for 1,500 resource types,
 * and decoding it costs Terraform a second of CPU; the provider builds it in half a second more.
 * Here the provider's answer is asked once, kept, and given narrowed to the resource, data
 * source and ephemeral resource types named in the kept types file (a JSON array of names; the
 * provider's own configuration, its functions and its capabilities are kept as they are).
 * Terraform reads only the schemas of the types a configuration uses; a type left out fails as a
 * type the provider does not have would ("The provider hashicorp/aws does not support resource
 * type ...").
 *
 * Terraform opens one connection per provider configuration it starts. A connection's calls go
 * to one shared provider process until it configures the provider; from then on each call goes
 * to a process that holds that connection's configuration while the call is in flight: the
 * one that holds it already, or one with no call in flight configured for it again (its
 * configure request kept and sent anew), or one started for it while fewer than
 * {@link SERVING_PROVIDERS} serve; beyond that the call waits for one. A configuration replaces
 * the whole of the provider's configured state, so the calls of two configurations (two
 * aliases in one plan, the runs of a `terraform test` file) take turns on a few processes
 * instead of one each (a process that starts costs half a second of CPU and 300 MB); they keep
 * running for the next configurations.
 *
 * The providers run without `AWS_CA_BUNDLE`: where it is set, the AWS provider configured a
 * second time in one process fails ("unable to add custom RootCAs HTTPClient, has no
 * WithTransportOptions": the first configuration wrapped the HTTP client the bundle would be
 * added to). Offline, with the offline provider settings, nothing calls an AWS endpoint, so the
 * bundle has nothing to verify.
 *
 * It prints one line when it listens, `reattach=<TF_REATTACH_PROVIDERS value>`, writes the
 * process ids of the providers it starts to `<folder>/attached-provider-<id>.pid` (for a
 * teardown that finds it killed), and stops them all on SIGINT or SIGTERM, and when its parent
 * process is gone.
 */
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const http2 = require('http2');
const net = require('net');
const path = require('path');

const [binary, folder, keptTypesFile] = process.argv.slice(2);
if (!binary || !folder || !keptTypesFile) {
  process.stderr.write('usage: provider-proxy.js <provider binary> <folder> <kept types file>\n');
  process.exit(2);
}

/** The schema request of each plugin protocol version (both answer a `GetProviderSchema.Response`). */
const SCHEMA_PATHS = new Set(['/tfplugin5.Provider/GetSchema', '/tfplugin6.Provider/GetProviderSchema']);
/** The request that configures the provider, after which a connection's calls go to a process that holds its configuration. */
const CONFIGURE_PATHS = new Set(['/tfplugin5.Provider/Configure', '/tfplugin6.Provider/ConfigureProvider']);
/** `GetProviderSchema.Response` fields that map a type's name to its schema: resources, data sources, ephemeral resources. */
const NARROWED_FIELDS = new Set([2, 3, 8]);
/** How many providers serve configured connections at most (kept running between them): a call beyond them waits for one to be free. */
const SERVING_PROVIDERS = 3;
/** How long a started provider may take to print where it listens. */
const START_TIMEOUT_MS = 30_000;
/** HTTP/2 session memory, in megabytes: a schema answer is some 5 MB, above Node's default of 10 MB per session when several are buffered. */
const SESSION_MEMORY_MB = 256;

const keptTypes = new Set(JSON.parse(fs.readFileSync(keptTypesFile, 'utf8')));
const started = new Set();
const parentPid = process.ppid;

/** A protobuf varint at `offset`: its value and the offset after it. */
function readVarint(buffer, offset) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    if (offset >= buffer.length || shift > 49) throw new Error('a malformed varint in the schema answer');
    const byte = buffer[offset++];
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return [value, offset];
  }
}

/**
 * A `GetProviderSchema.Response` with the entries of its type maps whose names are not kept
 * left out. Every top-level field of that message is length-delimited (messages, maps, repeated
 * messages); a map entry is a message whose field 1 is its key.
 */
function narrowedSchema(message) {
  const pieces = [];
  for (let offset = 0; offset < message.length;) {
    const start = offset;
    let tag, length;
    [tag, offset] = readVarint(message, offset);
    if ((tag & 7) !== 2) throw new Error(`field ${Math.floor(tag / 8)} of the schema answer is not length-delimited`);
    [length, offset] = readVarint(message, offset);
    const end = offset + length;
    if (NARROWED_FIELDS.has(Math.floor(tag / 8))) {
      let keyTag, keyLength, keyStart;
      [keyTag, keyStart] = readVarint(message, offset);
      if (keyTag !== 0x0a) throw new Error('a schema map entry without its key first');
      [keyLength, keyStart] = readVarint(message, keyStart);
      if (!keptTypes.has(message.toString('utf8', keyStart, keyStart + keyLength))) {
        offset = end;
        continue;
      }
    }
    pieces.push(message.subarray(start, end));
    offset = end;
  }
  return Buffer.concat(pieces);
}

/** One gRPC message in its frame (uncompressed). */
function framed(message) {
  const frame = Buffer.alloc(5 + message.length);
  frame.writeUInt32BE(message.length, 1);
  message.copy(frame, 5);
  return frame;
}

/** A started provider: its process, an HTTP/2 session to it and the `TF_REATTACH_PROVIDERS` value it printed, once it listens. */
function startProvider() {
  return new Promise((resolve, reject) => {
    const { AWS_CA_BUNDLE: _bundle, ...env } = process.env;
    const child = spawn(binary, ['-debug'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    started.add(child);
    fs.writeFileSync(path.join(folder, `attached-provider-${child.pid}.pid`), binary);
    child.on('exit', () => {
      started.delete(child);
      fs.rmSync(path.join(folder, `attached-provider-${child.pid}.pid`), { force: true });
    });
    let printed = '';
    const timer = setTimeout(
      () => reject(new Error(`${binary} -debug said nothing of where it listens within ${START_TIMEOUT_MS / 1000} s`)),
      START_TIMEOUT_MS,
    );
    child.stdout.on('data', (chunk) => {
      if (printed === undefined) return;
      printed += chunk;
      const reattach = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(printed)?.[1];
      if (!reattach) return;
      printed = undefined;
      clearTimeout(timer);
      const address = Object.values(JSON.parse(reattach))[0].Addr.String;
      const session = http2.connect('http://provider', { createConnection: () => net.connect(address), maxSessionMemory: SESSION_MEMORY_MB });
      session.on('error', (error) => process.stderr.write(`provider ${child.pid}: ${error.message}\n`));
      resolve({ child, session, reattach: JSON.parse(reattach) });
    });
    child.on('error', reject);
  });
}

let shared;
let schemaAnswerKept;
/**
 * The providers that serve configured connections, each an entry: `provider` (its start),
 * `heldBy` (the connection whose configuration it holds), `calls` (that connection's calls in
 * flight on it) and `ready` (settled once that configuration is in place).
 */
const serving = [];

/** The shared provider, started on first use. */
const sharedProvider = () => (shared ??= startProvider());

/** Whether a started provider can take calls no more. */
const gone = ({ child, session }) => child.exitCode !== null || child.signalCode !== null || session.destroyed;

/**
 * An entry for one call of a configured `connection`, its call counted in flight: the one that
 * holds the connection's configuration, else one with nothing in flight (preferably one whose
 * connection has closed) configured for it again, else, while fewer than
 * {@link SERVING_PROVIDERS} serve, one started for it; else none (the call waits). `configure`
 * is the connection's configure call itself, forwarded by the caller: the entry is ready once
 * its provider has started.
 */
function acquire(connection, configure) {
  for (const entry of serving.filter((candidate) => candidate.calls === 0 && (candidate.failed || (candidate.started && gone(candidate.started)))))
    serving.splice(serving.indexOf(entry), 1);
  let entry = configure ? undefined : serving.find((candidate) => candidate.heldBy === connection && !candidate.failed);
  if (!entry) {
    const free = serving.filter((candidate) => candidate.calls === 0 && !candidate.failed);
    entry = free.find((candidate) => !candidate.heldBy || candidate.heldBy.closed) ?? free[0];
    if (!entry && serving.length >= SERVING_PROVIDERS) return undefined;
    if (!entry) {
      entry = { provider: startProvider(), heldBy: undefined, calls: 0, ready: undefined, started: undefined, failed: false };
      const started = entry;
      entry.provider.then(
        (provider) => (started.started = provider),
        () => (started.failed = true),
      );
      serving.push(entry);
    }
    const held = entry;
    held.heldBy = connection;
    held.ready = configure ? held.provider : held.provider.then((provider) => replayConfiguration(provider, connection.configuration).then(() => provider));
    held.ready.catch(() => (held.failed = true));
  }
  entry.calls++;
  return entry;
}

/** Calls waiting for an entry, first come first served: `{ connection, configure, take(entry) }`. */
const waiting = [];

/** One call's entry released: the waiting calls get the entries now free. */
function release(entry) {
  entry.calls--;
  if (entry.calls > 0) return;
  while (waiting.length) {
    const got = acquire(waiting[0].connection, waiting[0].configure);
    if (!got) return;
    waiting.shift().take(got);
  }
}

/**
 * The provider for one call of a configured `connection` (see {@link acquire}), once it is
 * ready, and `done`, to be called when the call has ended.
 */
function providerFor(connection, configure = false) {
  let entry = acquire(connection, configure);
  let ended = false;
  const done = () => {
    if (ended) return;
    ended = true;
    if (entry) release(entry);
  };
  if (entry) return { provider: entry.ready, done };
  const provider = new Promise((resolve) =>
    waiting.push({
      connection,
      configure,
      take(got) {
        entry = got;
        if (ended) release(got);
        else resolve(got.ready);
      },
    }),
  );
  return { provider, done };
}

/** Configures `provider` as `configuration` (a connection's configure request, kept whole) says; the answer is dropped. */
function replayConfiguration(provider, { headers, body }) {
  if (gone(provider)) return Promise.reject(new Error('a provider that serves configured connections has stopped'));
  return unaryCall(provider, headers, body).then(({ status }) => {
    if (status !== '0') throw new Error(`configuring a provider again: grpc-status ${status}`);
  });
}

/** Headers of a request or an answer without HTTP/2's pseudo-headers (`:path`, `:status`). */
function plainHeaders(headers) {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(':')));
}

/** A new request to `provider` for the call that `headers` (a request's) name, with the same headers. */
function requestTo(provider, headers) {
  return provider.session.request({ ':method': 'POST', ':path': headers[':path'], ...plainHeaders(headers) });
}

/** Forwards one call to `provider` and its answer back; `body`, when given, is the call's request, read already. */
function forward(stream, headers, provider, body) {
  const request = requestTo(provider, headers);
  const trailers = {};
  if (body) request.end(body);
  else stream.pipe(request);
  stream.on('close', () => request.destroyed || request.close(http2.constants.NGHTTP2_CANCEL));
  request.on('trailers', (received) => Object.assign(trailers, received));
  request.on('error', () => stream.destroyed || stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR));
  stream.on('error', () => undefined);
  request.on('response', (answer) => {
    if (stream.destroyed) return;
    const answerHeaders = { ':status': answer[':status'], ...plainHeaders(answer) };
    if ('grpc-status' in answer) {
      // A trailers-only answer: an error before any message.
      stream.respond(answerHeaders, { endStream: true });
      request.resume();
      return;
    }
    stream.respond(answerHeaders, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers(trailers));
    request.pipe(stream);
  });
}

/**
 * Sends `provider` one call of its own, `body` its whole request: the whole answer, its headers,
 * body, trailers and gRPC status (from the trailers, or from the headers of a trailers-only
 * answer).
 */
function unaryCall(provider, headers, body) {
  return new Promise((resolve, reject) => {
    const request = requestTo(provider, headers);
    const trailers = {};
    const chunks = [];
    let answerHeaders;
    request.on('response', (answer) => (answerHeaders = { ':status': answer[':status'], ...plainHeaders(answer) }));
    request.on('trailers', (received) => Object.assign(trailers, received));
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('error', reject);
    request.on('end', () =>
      resolve({ headers: answerHeaders, body: Buffer.concat(chunks), trailers, status: trailers['grpc-status'] ?? answerHeaders?.['grpc-status'] }),
    );
    request.end(body);
  });
}

/**
 * Asks `provider` for its schema with a request of its own (the request message has no fields,
 * so its frame is empty): the whole answer, its headers, message and trailers.
 */
function askSchema(provider, headers) {
  return unaryCall(provider, headers, Buffer.alloc(5)).then(({ headers: answerHeaders, body, trailers, status }) => {
    if (status !== '0' || body.length < 5 || body[0] !== 0) throw new Error(`the provider's schema answer: grpc-status ${status}`);
    return { headers: answerHeaders, message: body.subarray(5, 5 + body.readUInt32BE(1)), trailers };
  });
}

/** Sends a kept answer on `stream`. */
function answerWith(stream, { headers, body, trailers }) {
  if (stream.destroyed) return;
  stream.respond(headers, { waitForTrailers: true });
  stream.on('wantTrailers', () => stream.sendTrailers(trailers));
  stream.end(body);
}

/** The provider's schema answer, narrowed, asked of the shared provider once (again after a failure). */
function schemaAnswer(headers) {
  if (!schemaAnswerKept) {
    schemaAnswerKept = sharedProvider()
      .then((provider) => askSchema(provider, headers))
      .then(({ message, ...answer }) => ({ ...answer, body: framed(narrowedSchema(message)) }));
    schemaAnswerKept.catch(() => (schemaAnswerKept = undefined));
  }
  return schemaAnswerKept;
}

/** What a call on `stream` does when its provider or its answer fails: the error to this process's output, the call reset. */
function failedOn(stream) {
  return (error) => {
    process.stderr.write(`${error.message}\n`);
    if (!stream.destroyed) stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
  };
}

/** Serves Terraform's connections on `socket`. */
function serve(socket) {
  const server = http2.createServer({ maxSessionMemory: SESSION_MEMORY_MB });
  server.on('session', (session) => {
    // `configuration`: its configure request, once it made it; `closed`: whether it has closed.
    const connection = { configuration: undefined, closed: false };
    session.on('close', () => (connection.closed = true));
    session.on('stream', (stream, headers) => {
      const call = headers[':path'];
      if (SCHEMA_PATHS.has(call)) {
        stream.resume();
        schemaAnswer(headers).then((answer) => answerWith(stream, answer), failedOn(stream));
        return;
      }
      if (CONFIGURE_PATHS.has(call)) {
        const chunks = [];
        stream.on('data', (chunk) => chunks.push(chunk));
        stream.on('end', () => {
          connection.configuration = { headers, body: Buffer.concat(chunks) };
          const { provider, done } = providerFor(connection, true);
          stream.on('close', done);
          provider.then((target) => forward(stream, headers, target, connection.configuration.body), failedOn(stream));
        });
        return;
      }
      if (!connection.configuration) {
        sharedProvider().then((target) => forward(stream, headers, target), failedOn(stream));
        return;
      }
      const { provider, done } = providerFor(connection);
      stream.on('close', done);
      provider.then((target) => forward(stream, headers, target), failedOn(stream));
    });
  });
  fs.rmSync(socket, { force: true });
  return new Promise((resolve) => server.listen(socket, () => resolve(server)));
}

/** `reattach` (a started provider's `TF_REATTACH_PROVIDERS` value) naming this process, listening on `socket`, instead. */
function reattachFor(reattach, socket) {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(reattach).map(([address, config]) => [address, { ...config, Pid: process.pid, Addr: { Network: 'unix', String: socket } }]),
    ),
  );
}

function stopAll() {
  for (const child of started) child.kill('SIGINT');
  process.exit(0);
}

process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
/** Whether the process that started this one still runs. */
function parentRuns() {
  try {
    process.kill(parentPid, 0);
    return process.ppid === parentPid;
  } catch {
    return false;
  }
}

// Its parent gone (a worker killed), nothing attaches any more.
setInterval(() => parentRuns() || stopAll(), 1_000).unref();

(async () => {
  const { reattach } = await sharedProvider();
  const socket = path.join(folder, `provider-${process.pid}.sock`);
  await serve(socket);
  process.stdout.write(`reattach=${reattachFor(reattach, socket)}\n`);
})().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  stopAll();
});
