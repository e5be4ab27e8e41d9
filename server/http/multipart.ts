/**
 * Streaming multipart/form-data (@fastify/busboy): parts are read as they arrive and the first one
 * over a limit ends the read with a small problem, without reading the rest. A body of 100,000 tiny
 * parts therefore costs a few parts' work, not a parsed form of 100,000 entries.
 */
import { Busboy } from '@fastify/busboy';
import { MULTIPART_BODY_LIMIT, tooLarge } from './body.ts';
import { ProblemError } from './problem.ts';

export interface MultipartLimits {
  /** text fields allowed, each at most once */
  textFields: readonly string[];
  /** field names that carry files */
  fileFields: readonly string[];
  maxFiles: number;
  maxFileBytes: number;
  maxTextBytes: number;
  /** the whole body (default MULTIPART_BODY_LIMIT), counted as it is read */
  maxBodyBytes?: number;
  /** thrown at the first file past maxFiles (default 413 body_too_large) */
  tooManyFiles?: () => ProblemError;
  /** thrown at the first file over maxFileBytes (default 413 body_too_large) */
  fileTooLarge?: () => ProblemError;
  /** checked once a file is whole; may throw */
  onFile?: (file: MultipartFile) => void;
}

export interface MultipartFile {
  field: string;
  /** as sent; the caller cleans it */
  name: string;
  bytes: Uint8Array;
}

export interface MultipartForm {
  text: Record<string, string>;
  files: MultipartFile[];
}

const shapeProblem = (detail: string) =>
  new ProblemError(400, 'invalid_request', 'the request does not match the expected shape', [{ field: '(body)', code: 'invalid_request', detail }]);

/** Reads `request`'s multipart body within `limits`; throws a ProblemError at the first violation. */
export async function readMultipart(request: Request, limits: MultipartLimits): Promise<MultipartForm> {
  const contentType = request.headers.get('content-type') ?? '';
  const text: Record<string, string> = {};
  const files: MultipartFile[] = [];
  let failure: unknown = null;
  const fail = (error: unknown) => {
    failure ??= error;
  };
  const maxParts = limits.maxFiles + limits.textFields.length;
  let parser: InstanceType<typeof Busboy>;
  try {
    parser = new Busboy({
      headers: { 'content-type': contentType },
      defCharset: 'utf8',
      preservePath: true,
      limits: {
        // one past each limit, so that the part over it is seen and answered
        parts: maxParts + 1,
        files: limits.maxFiles + 1,
        fields: limits.textFields.length + 1,
        fileSize: limits.maxFileBytes,
        fieldSize: limits.maxTextBytes,
        fieldNameSize: 100,
        headerPairs: 20,
      },
    });
  } catch {
    throw shapeProblem('not a multipart body with a boundary');
  }
  let parts = 0;
  const pendingFiles: Promise<void>[] = [];
  const countPart = () => {
    if (++parts > maxParts) fail(new ProblemError(413, 'body_too_large', `at most ${maxParts} parts`));
    return failure === null;
  };
  parser.on('field', (name: string, value: string, nameTruncated: boolean, valueTruncated: boolean) => {
    if (failure !== null || !countPart()) return;
    if (!limits.textFields.includes(name) || nameTruncated) return fail(shapeProblem(limits.fileFields.includes(name) ? 'a file is expected' : 'unknown field'));
    if (name in text) return fail(shapeProblem(`one ${name} field`));
    if (valueTruncated) return fail(new ProblemError(413, 'body_too_large', `the ${name} field is larger than ${limits.maxTextBytes} bytes`));
    text[name] = value;
  });
  parser.on('file', (field: string, stream: NodeJS.ReadableStream, name: string) => {
    if (failure !== null || !countPart()) return void stream.resume();
    if (!limits.fileFields.includes(field)) {
      fail(shapeProblem('unknown field'));
      return void stream.resume();
    }
    if (files.length + 1 > limits.maxFiles) {
      fail(limits.tooManyFiles?.() ?? new ProblemError(413, 'body_too_large', `at most ${limits.maxFiles} files`));
      return void stream.resume();
    }
    const chunks: Buffer[] = [];
    const file: MultipartFile = { field, name, bytes: new Uint8Array(0) };
    files.push(file);
    pendingFiles.push(
      new Promise<void>((resolve) => {
        stream.on('data', (chunk: Buffer) => {
          if (failure === null) chunks.push(chunk);
        });
        stream.on('limit', () => fail(limits.fileTooLarge?.() ?? new ProblemError(413, 'body_too_large', `a file is larger than ${limits.maxFileBytes} bytes`)));
        stream.on('end', () => {
          if (failure === null) {
            file.bytes = new Uint8Array(Buffer.concat(chunks));
            try {
              limits.onFile?.(file);
            } catch (error) {
              fail(error);
            }
          }
          resolve();
        });
        stream.on('error', () => resolve());
      }),
    );
  });
  parser.on('error', (error: unknown) => fail(error instanceof ProblemError ? error : shapeProblem('the multipart body could not be read')));
  const finished = new Promise<void>((resolve) => {
    parser.on('finish', () => resolve());
    parser.on('error', () => resolve());
  });

  const reader = request.body?.getReader();
  if (!reader) throw shapeProblem('no body');
  // Feed the parser chunk by chunk; stop reading at the first failure. The rest of an unread body is
  // discarded by the HTTP server once the answer is sent.
  const maxBodyBytes = limits.maxBodyBytes ?? MULTIPART_BODY_LIMIT;
  let bodyBytes = 0;
  while (failure === null) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      if (error instanceof ProblemError) throw error;
      throw shapeProblem('the multipart body could not be read');
    }
    if (chunk.done) {
      parser.end();
      await finished;
      await Promise.all(pendingFiles);
      break;
    }
    bodyBytes += chunk.value.byteLength;
    if (bodyBytes > maxBodyBytes) {
      try {
        tooLarge(maxBodyBytes);
      } catch (error) {
        fail(error);
      }
      break;
    }
    await new Promise<void>((resolve) => parser.write(chunk.value, () => resolve()));
  }
  if (failure !== null) {
    reader.releaseLock();
    parser.destroy();
    throw failure;
  }
  return { text, files };
}
