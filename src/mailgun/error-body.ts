const MAX_MESSAGE = 300;

/** What an error response said, read from any recorded body shape whatever its Content-Type. */
export interface ErrorBody {
  message?: string;
  /** `{"retry-seconds": 60}` from the old Domains API rate limit. */
  retrySeconds?: number;
  /** The body was a web page: something other than the API answered (a proxy, a wrong base URL). */
  html?: boolean;
}

export function readErrorBody(text: string): ErrorBody {
  const trimmed = text.trim();
  if (!trimmed) return {};
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) {
    try {
      return fromJson(JSON.parse(trimmed));
    } catch {
      // not JSON after all: fall through to text
    }
  }
  if (/^<(!doctype|html|head|body|\?xml)|<\/(html|body|title|h1)>/i.test(trimmed)) {
    return { message: fromHtml(trimmed), html: true };
  }
  return { message: clip(trimmed) };
}

function fromJson(value: unknown): ErrorBody {
  if (typeof value === 'string') return { message: clip(value) };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const body = value as Record<string, unknown>;
  const text = (key: string): string | undefined => {
    const v = body[key];
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  const retry = body['retry-seconds'];
  const retrySeconds = typeof retry === 'number' ? retry : typeof retry === 'string' && /^\d+$/.test(retry) ? Number(retry) : undefined;
  let message = text('message') ?? text('Message') ?? text('Reason') ?? text('Description') ?? text('error');
  if (!message && text('Field')) {
    message = text('Value') ? `${text('Field')}: ${text('Value')}` : `invalid ${text('Field')}`;
  }
  if (!message && retrySeconds !== undefined) message = `retry in ${retrySeconds} seconds`;
  return { message: message === undefined ? undefined : clip(message), retrySeconds };
}

function fromHtml(html: string): string | undefined {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const text = (title ?? html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')).replace(/<[^>]*>/g, ' ');
  const decoded = text.replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
  const clean = decoded.replace(/\s+/g, ' ').trim();
  return clean ? clip(clean) : undefined;
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE - 1)}…` : oneLine;
}

/** The 200 text/plain answer Mailgun gives for a path it does not know (e.g. a doubled version). */
export function isMagnificentApi(text: string): boolean {
  return text.trim() === 'Mailgun Magnificent API';
}
