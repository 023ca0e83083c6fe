// A small authoritative DNS server for tests, on 127.0.0.1 with a free port, UDP and TCP (RFC 1035 wire format).
// dns2 would do this, but its current release needs Node 22 and the extension's tests run on Node 20.
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';

export interface Mx {
  priority: number;
  exchange: string;
}

/** The records at one name. TXT values are lists of strings, as on the wire (one string is at most 255 bytes). */
export interface NameRecords {
  TXT?: string[][];
  CNAME?: string;
  MX?: Mx[];
  A?: string[];
  NS?: string[];
  SOA?: { mname: string; rname: string; minimum: number };
  /** Answer every question about this name with SERVFAIL, or not at all (a timeout). */
  fail?: 'servfail' | 'drop';
}

export type Zone = Record<string, NameRecords>;

const TYPES: Record<number, keyof NameRecords> = { 1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 15: 'MX', 16: 'TXT' };
const CODES = Object.fromEntries(Object.entries(TYPES).map(([n, t]) => [t, Number(n)])) as Record<string, number>;

const lower = (name: string): string => name.toLowerCase().replace(/\.$/, '');

function encodeName(name: string): Buffer {
  const labels = lower(name).split('.').filter(Boolean);
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])), Buffer.from([0])]);
}

function readName(msg: Buffer, offset: number): { name: string; next: number } {
  const labels: string[] = [];
  let i = offset;
  while (msg[i] !== 0) {
    labels.push(msg.toString('latin1', i + 1, i + 1 + msg[i]));
    i += msg[i] + 1;
  }
  return { name: labels.join('.'), next: i + 1 };
}

const u16 = (n: number): Buffer => Buffer.from([n >> 8, n & 0xff]);
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function rdata(type: keyof NameRecords, value: unknown): Buffer {
  switch (type) {
    case 'A':
      return Buffer.from((value as string).split('.').map(Number));
    case 'NS':
    case 'CNAME':
      return encodeName(value as string);
    case 'MX':
      return Buffer.concat([u16((value as Mx).priority), encodeName((value as Mx).exchange)]);
    case 'TXT':
      return Buffer.concat((value as string[]).flatMap((s) => [Buffer.from([Buffer.byteLength(s)]), Buffer.from(s)]));
    default: {
      const soa = value as NonNullable<NameRecords['SOA']>;
      return Buffer.concat([encodeName(soa.mname), encodeName(soa.rname), u32(1), u32(3600), u32(600), u32(86400), u32(soa.minimum)]);
    }
  }
}

function answer(name: string, type: keyof NameRecords, value: unknown, ttl: number): Buffer {
  const data = rdata(type, value);
  return Buffer.concat([encodeName(name), u16(CODES[type]), u16(1), u32(ttl), u16(data.length), data]);
}

export class TestDnsServer {
  zone: Zone = {};
  /** Every question asked, as "TXT mg.example.com". */
  readonly asked: string[] = [];
  ttl = 300;
  private udp?: Socket;
  private tcp?: Server;
  port = 0;

  /** Starts on a free port for both UDP and TCP. */
  static async start(zone: Zone = {}): Promise<TestDnsServer> {
    const server = new TestDnsServer();
    server.zone = zone;
    await server.listen();
    return server;
  }

  /** `127.0.0.1:port`, as the resolver's server list takes it. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  private exists(name: string): boolean {
    return Object.keys(this.zone).some((n) => lower(n) === name || lower(n).endsWith(`.${name}`));
  }

  private records(name: string): NameRecords | undefined {
    return Object.entries(this.zone).find(([n]) => lower(n) === name)?.[1];
  }

  /** The response to one query, or undefined to stay silent. */
  respond(query: Buffer, overUdp: boolean): Buffer | undefined {
    if (query.length < 12) return undefined;
    const { name: asked, next } = readName(query, 12);
    const name = lower(asked);
    const qtype = query.readUInt16BE(next);
    const type = TYPES[qtype];
    this.asked.push(`${type ?? qtype} ${name}`);
    const at = this.records(name);
    if (at?.fail === 'drop') return undefined;
    let rcode = 0;
    const answers: Buffer[] = [];
    if (at?.fail === 'servfail') rcode = 2;
    else if (!this.exists(name)) rcode = 3;
    else if (type && at) {
      if (at.CNAME && type !== 'CNAME') {
        answers.push(answer(name, 'CNAME', at.CNAME, this.ttl));
        const target = this.records(lower(at.CNAME))?.[type];
        if (Array.isArray(target)) for (const v of target) answers.push(answer(at.CNAME, type, v, this.ttl));
      } else {
        const values = at[type];
        for (const v of Array.isArray(values) ? values : values === undefined ? [] : [values]) answers.push(answer(name, type, v, this.ttl));
      }
    }
    const question = query.subarray(12, next + 4);
    const flags = 0x8000 | 0x0400 | (query.readUInt16BE(2) & 0x0100) | 0x0080 | rcode; // QR, AA, RD copied, RA
    const body = Buffer.concat(answers);
    const header = (f: number, count: number): Buffer => Buffer.concat([query.subarray(0, 2), u16(f), u16(1), u16(count), u16(0), u16(0)]);
    // Without EDNS a UDP answer holds 512 bytes; a longer one says "truncated" and the resolver asks over TCP.
    const edns = query.readUInt16BE(10) > 0;
    if (overUdp && !edns && 12 + question.length + body.length > 512) return Buffer.concat([header(flags | 0x0200, 0), question]);
    return Buffer.concat([header(flags, answers.length), question, body]);
  }

  private async listen(): Promise<void> {
    for (;;) {
      const udp = createSocket('udp4');
      udp.bind(0, '127.0.0.1');
      await once(udp, 'listening');
      const port = udp.address().port;
      const tcp = createServer((socket) => {
        let pending = Buffer.alloc(0);
        socket.on('data', (chunk) => {
          pending = Buffer.concat([pending, chunk]);
          while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
            const reply = this.respond(pending.subarray(2, 2 + pending.readUInt16BE(0)), false);
            pending = pending.subarray(2 + pending.readUInt16BE(0));
            if (reply) socket.write(Buffer.concat([u16(reply.length), reply]));
          }
        });
        socket.on('error', () => socket.destroy());
      });
      try {
        tcp.listen(port, '127.0.0.1');
        await once(tcp, 'listening');
      } catch {
        udp.close();
        continue; // that port was taken for TCP: try another
      }
      udp.on('message', (msg, rinfo) => {
        const reply = this.respond(msg, true);
        if (reply) udp.send(reply, rinfo.port, rinfo.address);
      });
      this.udp = udp;
      this.tcp = tcp;
      this.port = port;
      return;
    }
  }

  async close(): Promise<void> {
    this.udp?.close();
    if (this.tcp) {
      this.tcp.close();
      await once(this.tcp, 'close');
    }
  }
}
