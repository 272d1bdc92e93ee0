// Request parsing and the content checks the real Bot API applies before it accepts a message.
// Used by botApiServer.ts; kept apart so the server file reads as the list of methods.

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/**
 * Parses a multipart/form-data body. Tolerates grammY's dialect: lower-case headers without a
 * space after the colon and an unquoted `filename=` that runs to the end of the line (it may
 * contain spaces, semicolons and raw UTF-8).
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const parts: MultipartPart[] = [];
  const opening = Buffer.from(`--${boundary}`);
  const between = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(opening);
  if (pos === -1) return parts;
  pos += opening.length;
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing `--boundary--`
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const end = body.indexOf(between, pos);
    if (end === -1) break;
    const part = body.subarray(pos, end);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headerText = headerEnd === -1 ? '' : part.subarray(0, headerEnd).toString('utf8');
    const data = headerEnd === -1 ? part : part.subarray(headerEnd + 4);
    const headers = new Map<string, string>();
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get('content-disposition') ?? '';
    const name =
      /(?:^|;)\s*name="([^"]*)"/.exec(disposition)?.[1] ?? /(?:^|;)\s*name=([^;]*)/.exec(disposition)?.[1]?.trim();
    const filename = parseFilename(disposition);
    const contentType = headers.get('content-type');
    if (name !== undefined) {
      parts.push({
        name,
        data: Buffer.from(data),
        ...(filename !== undefined ? { filename } : {}),
        ...(contentType ? { contentType } : {}),
      });
    }
    pos = end + between.length;
  }
  return parts;
}

function parseFilename(disposition: string): string | undefined {
  const star = /(?:^|;)\s*filename\*=(?:UTF-8|utf-8)''([^;]*)/.exec(disposition);
  if (star?.[1] !== undefined) return decodeURIComponent(star[1]);
  const quoted = /(?:^|;)\s*filename="((?:[^"\\]|\\.)*)"\s*$/.exec(disposition);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/\\(.)/g, '$1');
  const bare = /(?:^|;)\s*filename=(.*)$/.exec(disposition);
  return bare?.[1];
}

// Form fields arrive as strings; give back the types grammY sent so tests can compare
// `payload.chat_id` with a number whether the call was JSON or multipart.
const STRING_ID_FIELDS = new Set([
  'file_id',
  'file_unique_id',
  'inline_message_id',
  'callback_query_id',
  'business_connection_id',
  'custom_emoji_id',
  'message_effect_id',
  'inline_query_id',
  'shipping_query_id',
  'pre_checkout_query_id',
  'sticker_set_name',
  'web_app_query_id',
  'gift_id',
]);
const NUMBER_FIELDS = new Set([
  'offset',
  'limit',
  'timeout',
  'duration',
  'width',
  'height',
  'length',
  'max_connections',
  'cache_time',
  'until_date',
]);
const BOOLEAN_PREFIXES = [
  'disable_',
  'is_',
  'has_',
  'protect_',
  'show_',
  'supports_',
  'allow_',
  'drop_',
  'can_',
  'only_',
  'revoke_',
];

export function coerceFormField(key: string, value: string): unknown {
  const trimmed = value.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return value;
    }
  }
  const isIdField = key.endsWith('_id') && !STRING_ID_FIELDS.has(key);
  if ((isIdField || NUMBER_FIELDS.has(key)) && /^-?\d+$/.test(trimmed)) return Number(trimmed);
  if (BOOLEAN_PREFIXES.some((p) => key.startsWith(p)) && (trimmed === 'true' || trimmed === 'false'))
    return trimmed === 'true';
  return value;
}

export type TextCheck = { ok: true; text: string } | { ok: false; description: string };

const HTML_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'code',
  'pre',
  'blockquote',
  'tg-emoji',
]);

/** Telegram's HTML parse mode: the same error texts as the real server (tdlib's parser). */
function parseHtml(source: string): TextCheck {
  const fail = (what: string): TextCheck => ({ ok: false, description: `Bad Request: can't parse entities: ${what}` });
  const byteOffset = (index: number): number => Buffer.byteLength(source.slice(0, index));
  const stack: string[] = [];
  let text = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '&') {
      const entity = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-f]{1,6});/i.exec(source.slice(i, i + 12));
      if (entity) {
        text += decodeEntity(entity[1]!);
        i += entity[0].length;
      } else {
        text += '&';
        i += 1;
      }
      continue;
    }
    if (ch !== '<') {
      text += ch;
      i += 1;
      continue;
    }
    const begin = i;
    if (source[i + 1] === '/') {
      const close = source.indexOf('>', i);
      if (close === -1) return fail(`Unclosed end tag at byte offset ${byteOffset(begin)}`);
      const name = source
        .slice(i + 2, close)
        .trim()
        .toLowerCase();
      const open = stack.pop();
      if (open === undefined) return fail(`Unexpected end tag at byte offset ${byteOffset(begin)}`);
      if (name !== open)
        return fail(`Unmatched end tag at byte offset ${byteOffset(begin)}, expected "</${open}>", found "</${name}>"`);
      i = close + 1;
      continue;
    }
    let j = i + 1;
    while (j < source.length && !/[\s>]/.test(source[j]!)) j += 1;
    if (j >= source.length) return fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
    const name = source.slice(i + 1, j).toLowerCase();
    if (!HTML_TAGS.has(name)) return fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(begin)}`);
    while (j < source.length && source[j] !== '>') {
      const q = source[j];
      if (q === '"' || q === "'") {
        const endQuote = source.indexOf(q, j + 1);
        if (endQuote === -1) return fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
        j = endQuote + 1;
      } else {
        j += 1;
      }
    }
    if (j >= source.length) return fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
    stack.push(name);
    i = j + 1;
  }
  const unclosed = stack.at(-1);
  if (unclosed !== undefined) return fail(`Can't find end tag corresponding to start tag "${unclosed}"`);
  return { ok: true, text };
}

function decodeEntity(body: string): string {
  switch (body.toLowerCase()) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    default:
      return String.fromCodePoint(
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10),
      );
  }
}

/**
 * MarkdownV2: reports the reserved characters left unescaped outside code, the most common
 * reason the real server rejects a message. Markup itself is not interpreted: the returned
 * text only drops the escaping backslashes.
 */
function parseMarkdownV2(source: string): TextCheck {
  let inCode = false;
  let inLinkUrl = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i]!;
    if (ch === '\\') {
      i += 1;
      continue;
    }
    if (ch === '`') {
      inCode = !inCode;
      continue;
    }
    if (inCode) continue;
    if (inLinkUrl) {
      if (ch === ')') inLinkUrl = false;
      continue;
    }
    if (ch === '(' && source[i - 1] === ']') {
      inLinkUrl = true;
      continue;
    }
    const reserved = '.!#+-={}()'.includes(ch) || (ch === '>' && i > 0 && source[i - 1] !== '\n');
    if (reserved && !(ch === '!' && source[i + 1] === '[')) {
      return {
        ok: false,
        description: `Bad Request: can't parse entities: Character '${ch}' is reserved and must be escaped with the preceding '\\'`,
      };
    }
  }
  return { ok: true, text: source.replace(/\\(.)/g, '$1') };
}

export function renderText(source: string, parseMode: unknown): TextCheck {
  if (parseMode === 'HTML') return parseHtml(source);
  if (parseMode === 'MarkdownV2') return parseMarkdownV2(source);
  return { ok: true, text: source };
}

/** Checks an inline keyboard the way the real server does; returns an error description or null. */
export function checkReplyMarkup(markup: unknown): string | null {
  if (markup === undefined || markup === null) return null;
  if (typeof markup !== 'object') return "Bad Request: can't parse reply keyboard markup JSON object";
  if (!('inline_keyboard' in markup)) return null;
  const rows = (markup as { inline_keyboard: unknown }).inline_keyboard;
  if (!Array.isArray(rows))
    return 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays';
  for (const row of rows) {
    if (!Array.isArray(row))
      return 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays';
    for (const button of row as unknown[]) {
      if (typeof button !== 'object' || button === null)
        return "Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an Object";
      const b = button as Record<string, unknown>;
      if (typeof b.text !== 'string')
        return 'Bad Request: can\'t parse inline keyboard button: Field "text" must be of type String';
      const actions = Object.keys(b).filter((k) => k !== 'text');
      if (actions.length === 0) return 'Bad Request: text buttons are unallowed in the inline keyboard';
      if ('callback_data' in b) {
        const size = typeof b.callback_data === 'string' ? Buffer.byteLength(b.callback_data) : 0;
        if (size < 1 || size > 64) return 'Bad Request: BUTTON_DATA_INVALID';
      }
      if ('url' in b && (typeof b.url !== 'string' || !/^(https?|tg):\/\/[^\s]+$/i.test(b.url))) {
        return `Bad Request: inline keyboard button URL '${String(b.url)}' is invalid: Wrong HTTP URL`;
      }
    }
  }
  return null;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  pdf: 'application/pdf',
  csv: 'text/csv',
  txt: 'text/plain',
  json: 'application/json',
  zip: 'application/zip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

export function mimeTypeOf(fileName: string): string {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return MIME_BY_EXTENSION[ext] ?? 'application/octet-stream';
}
