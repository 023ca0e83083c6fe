// One table of inputs, valid and invalid, shared by the input boxes' validators, the CSV import and the client
// (validation-table.test.ts runs it against all three). `why` is what the refusal must say.

export type Case =
  | { kind: 'email'; value: string; ok: true }
  | { kind: 'email'; value: string; ok: false; why: RegExp }
  | { kind: 'domain'; value: string; ok: true }
  | { kind: 'domain'; value: string; ok: false; why: RegExp }
  | { kind: 'url'; value: string; ok: true }
  | { kind: 'url'; value: string; ok: false; why: RegExp }
  | { kind: 'events'; value: string[]; ok: true }
  | { kind: 'events'; value: string[]; ok: false; why: RegExp }
  | { kind: 'code'; value: string; ok: true }
  | { kind: 'code'; value: string; ok: false; why: RegExp }
  | { kind: 'tag'; value: string; ok: true }
  | { kind: 'tag'; value: string; ok: false; why: RegExp }
  /** A whole bounces CSV file: `address` is what the one row must read as, or `why` the problem said. */
  | { kind: 'csv'; value: string; ok: true; address: string }
  | { kind: 'csv'; value: string; ok: false; why: RegExp };

const ok = <K extends Case['kind']>(kind: K, value: Extract<Case, { kind: K }>['value']) => ({ kind, value, ok: true }) as Case;
const no = <K extends Case['kind']>(kind: K, value: Extract<Case, { kind: K }>['value'], why: RegExp) => ({ kind, value, ok: false, why }) as Case;

export const VALIDATION_CASES: readonly Case[] = [
  // Addresses Mailgun takes: RFC 5321 atext, quoted local parts, UTF-8 (SMTPUTF8), punycode and Unicode domains, literals.
  ok('email', 'alice@example.com'),
  ok('email', 'bounce=x@example.com'),
  ok('email', 'a%b@example.com'),
  ok('email', 'first&last@example.com'),
  ok('email', '~x@example.com'),
  ok('email', 'a@b.xn--p1ai'),
  ok('email', "o'brien@example.com"),
  ok('email', '-info@example.com'),
  ok('email', '=x@example.com'),
  ok('email', '+tag@example.com'),
  ok('email', "!#$%&'*+-/=?^_`{|}~@example.com"),
  ok('email', 'x.y_z@xn--bcher-kva.de'),
  ok('email', '"john doe"@example.com'),
  ok('email', '"a@b"@example.com'),
  ok('email', 'ünïcödé@example.com'),
  ok('email', '用户@例子.广告'),
  ok('email', 'user@[192.0.2.1]'),
  ok('email', 'user@[IPv6:2001:db8::1]'),
  ok('email', `${'a'.repeat(64)}@example.com`),
  ok('email', 'Mixed.Case@Example.COM'),
  // … and those it refuses.
  no('email', '', /Enter an email address/),
  no('email', 'alice.example.com', /no @/),
  no('email', 'al ice@example.com', /space/),
  no('email', 'bad@', /nothing after the @/),
  no('email', '@example.com', /nothing before the @/),
  no('email', 'user@localhost', /no dot/),
  no('email', '.dot@example.com', /dot cannot start or end/),
  no('email', 'dot.@example.com', /dot cannot start or end/),
  no('email', 'two..dots@example.com', /dot cannot start or end/),
  no('email', 'a@b@example.com', /more than one @/),
  no('email', 'a(b)@example.com', /may hold only letters/),
  no('email', 'a,b@example.com', /may hold only letters/),
  no('email', `${'a'.repeat(65)}@example.com`, /longer than 64/),
  no('email', `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(60)}.com`, /longer than 254/),
  no('email', 'user@example..com', /empty label/),
  no('email', 'user@-example.com', /only letters, digits and inner hyphens/),
  no('email', 'user@example.com.', /ends with a dot/),
  no('email', 'user@example.123', /top-level domain "123"/),
  no('email', 'user@[300.1.1.1]', /address literal/),
  no('email', '"unclosed@example.com', /quoted part/),
  no('email', 'tab\there@example.com', /space/),
  // Domain names (sending domains, allowlisted domains): DNS names in punycode.
  ok('domain', 'mg.example.com'),
  ok('domain', 'example.xn--p1ai'),
  ok('domain', 'xn--bcher-kva.de'),
  ok('domain', 'a-b.example.io'),
  no('domain', '', /Enter a domain name/),
  no('domain', 'https://mg.example.com', /without http/),
  no('domain', 'me@example.com', /email address/),
  no('domain', 'bad..com', /empty label/),
  no('domain', '-x.com', /inner hyphens/),
  no('domain', 'a_b.example.com', /inner hyphens/),
  no('domain', 'localhost', /no dot/),
  no('domain', 'bücher.de', /punycode/),
  no('domain', `${'a'.repeat(64)}.com`, /longer than 63/),
  no('domain', 'example.c0m1', /top-level domain/),
  // Webhook URLs.
  ok('url', 'https://example.com/mailgun'),
  ok('url', 'http://hooks.example.com:8080/x?y=1'),
  no('url', 'example.com/hook', /start it with https/),
  no('url', 'ftp://example.com/x', /must start with https/),
  no('url', 'https://user:pw@example.com/x', /user name and password/),
  // Event types of a domain webhook.
  ok('events', ['delivered', 'permanent_fail']),
  no('events', [], /at least one/),
  no('events', ['bounce'], /Unknown event type "bounce"/),
  no('events', ['opened', 'opened'], /listed twice/),
  // Bounce codes: three digits; Mailgun itself records 605.
  ok('code', '550'),
  ok('code', '605'),
  ok('code', '421'),
  no('code', '99', /bounce code "99"/),
  no('code', '5.1.1', /three-digit/),
  no('code', 'abc', /three-digit/),
  // Unsubscribe tags.
  ok('tag', '*'),
  ok('tag', 'newsletter'),
  ok('tag', 'ünïcode-tag'),
  ok('tag', '=formula'),
  no('tag', 'news,promo', /comma/),
  no('tag', 'x'.repeat(129), /longer than 128/),
  no('tag', 'bell\u0007', /control character/),
  // CSV cells as the import reads them: the export's guard removed, BOM and spaces dropped, quoting undone.
  { kind: 'csv', value: "address\n'-info@example.com\n", ok: true, address: '-info@example.com' },
  { kind: 'csv', value: "address\n'=x@example.com\n", ok: true, address: '=x@example.com' },
  { kind: 'csv', value: "address\n'＝x@example.com\n", ok: true, address: '＝x@example.com' },
  { kind: 'csv', value: "address\n''-apostrophe@example.com\n", ok: true, address: "'-apostrophe@example.com" },
  { kind: 'csv', value: "address\no'brien@example.com\n", ok: true, address: "o'brien@example.com" },
  { kind: 'csv', value: '\uFEFFaddress,code\n  spaced@example.com  ,550\n', ok: true, address: 'spaced@example.com' },
  { kind: 'csv', value: 'address\n"""a@b""@example.com"\n', ok: true, address: '"a@b"@example.com' },
  { kind: 'csv', value: 'address\nnope\n', ok: false, why: /Line 2: "nope" is not an email address/ },
  { kind: 'csv', value: 'address,code\na@example.com,5xx\n', ok: false, why: /Line 2: the bounce code "5xx"/ },
  { kind: 'csv', value: 'email\na@example.com\n', ok: false, why: /first line must be a header/ },
  { kind: 'csv', value: 'address\n"unclosed@example.com\n', ok: false, why: /not valid CSV/ },
];
