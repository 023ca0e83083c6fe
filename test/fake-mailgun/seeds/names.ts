// Names tests can rely on. Every seed contains DEMO_API_KEY (admin) and DEMO_SENDING_KEY (sending only).
export const DEMO_API_KEY = 'key-demo-8f14e45fceea167a5a36dedd4bea2543';
export const DEMO_SENDING_KEY = 'sending-demo-c9f0f895fb98ab9159f51fd0297e236d';

export const DEMO_DOMAINS = {
  us: {
    /** Active, HTTPS tracking with an active certificate, click tracking `htmlonly`, most suppressions. */
    main: 'mg.acme-demo.com',
    /** Active, HTTP, three URLs on `delivered` (at the limit), receiving MX not set up. */
    newsletter: 'news.acme-demo.com',
    sandbox: 'sandbox5f1e2d3c4b5a4c6d8e9f0a1b2c3d4e5f.mailgun.org',
    /** Unverified; DNS is in place, so PUT verify turns it active. */
    unverified: 'staging.acme-demo.com',
    /** Unverified; DNS is missing, so it stays unverified after PUT verify. */
    unconfigured: 'new.acme-demo.dev',
    disabled: 'legacy.acme-demo.com',
  },
  eu: {
    /** Active, HTTPS tracking with an expired certificate. */
    main: 'mg.acme-demo.eu',
    /** Active, certificate generation in progress. */
    shop: 'shop.acme-demo.eu',
    unverified: 'pending.acme-demo.eu',
  },
} as const;

/** The demo account's subaccounts (fixed ids, so tests can name them), each with its own domains. */
export const DEMO_SUBACCOUNTS = {
  bakery: { id: '646d00a1b32c35364a2ad34f', name: 'Bluebird Bakery', us: 'mg.bluebird-bakery.com', eu: 'mg.bluebird-bakery.eu' },
  cafe: { id: '646d00a1b32c35364a2ad350', name: 'Corner Cafe', us: 'mail.corner-cafe.com' },
} as const;

/** Scale seed: 1,000 US domains; this one holds 100,000 bounces and 10,000 allowlist entries. */
export const SCALE_DOMAIN = 'bulk.scale-test.example';
export const SCALE_DOMAIN_COUNT = 1000;
export const SCALE_BOUNCE_COUNT = 100_000;
export const SCALE_ALLOWLIST_COUNT = 10_000;
/** Scale addresses are `user<6 digits>@example.com`, numbered from 0. */
export const scaleAddress = (i: number): string => `user${String(i).padStart(6, '0')}@example.com`;
