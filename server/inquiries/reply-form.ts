/**
 * Reading `POST /inquiries/{id}/replies`: a streaming multipart read bounded by the inquiry's mall
 * (its attachment count and size, plus the text fields), every text checked for U+0000, every file
 * name cleaned and its bytes matched against its extension, then the same valibot check as every
 * other route.
 */
import type { Mall } from '../../shared/api.ts';
import { REPLY_RULES } from '../../shared/mall-rules.ts';
import { ReplyFormSchema } from '../../shared/schemas.ts';
import { bytesMatchName, cleanFileName } from '../attachments/file-check.ts';
import { validate } from '../http/body.ts';
import { readMultipart } from '../http/multipart.ts';
import { ProblemError } from '../http/problem.ts';
import { hasNul, invalidText } from '../http/text-input.ts';

export const REPLY_TEXT_FIELDS = ['body', 'basedOn', 'complete'] as const;
const FILE_FIELDS = ['files[]', 'files'] as const;
/** a reply body is at most 2,000 characters; 64 KB leaves room for any encoding of them */
const MAX_TEXT_BYTES = 64 * 1024;

/** Browsers (WHATWG FormData) send `"`, CR and LF in a file name as %22, %0D and %0A. */
function decodeFormFileName(name: string): string {
  return name.replace(/%(22|0D|0A)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export interface ReplyForm {
  body: string;
  basedOn?: string;
  complete?: 'true' | 'false';
  files: { name: string; bytes: Uint8Array }[];
}

export async function readReplyForm(request: Request, mall: Mall): Promise<ReplyForm> {
  const rules = REPLY_RULES[mall].attachments;
  const form = await readMultipart(request, {
    textFields: REPLY_TEXT_FIELDS,
    fileFields: FILE_FIELDS,
    maxFiles: rules.maxFiles,
    maxFileBytes: rules.maxBytes,
    maxTextBytes: MAX_TEXT_BYTES,
    tooManyFiles: () =>
      new ProblemError(422, 'too_many_attachments', 'the mall would refuse this reply', [
        { field: 'files', code: 'too_many_attachments', detail: `at most ${rules.maxFiles}` },
      ]),
    fileTooLarge: () =>
      new ProblemError(422, 'attachment_too_large', 'the mall would refuse this reply', [
        { field: 'files', code: 'attachment_too_large', detail: `at most ${rules.maxBytes} bytes` },
      ]),
    onFile: (file) => {
      if (hasNul(file.name)) throw invalidText('a file name');
      if (!bytesMatchName(cleanFileName(decodeFormFileName(file.name)), file.bytes)) {
        throw new ProblemError(422, 'attachment_type_mismatch', 'a file is not what its name says', [
          { field: 'files', code: 'attachment_type_mismatch', detail: 'the bytes do not match the extension' },
        ]);
      }
    },
  });
  for (const value of Object.values(form.text)) if (hasNul(value)) throw invalidText('a text field');
  return validate(ReplyFormSchema, {
    ...form.text,
    files: form.files.map((f) => ({ name: cleanFileName(decodeFormFileName(f.name)), bytes: f.bytes })),
  });
}
