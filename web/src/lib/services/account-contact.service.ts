import {
  accountContactAnswerSchema,
  type AccountContactAnswer,
  type NoticeLanguage,
} from '@comptoir/shared';
import { requestJson } from './online-call';
import type { ActionResult } from './result';

/*
 * The signed-in person's own address for notices (bank account changed, kiosk enrolled) and
 * the language they read them in. Online only: the server decides who is told, so there is
 * nothing to queue.
 */

/** The address and language on file (null contact: none set yet). */
export function loadOwnContact(): Promise<ActionResult<AccountContactAnswer>> {
  return requestJson('GET', '/api/accounts/me/contact', accountContactAnswerSchema);
}

/** Sets them; the server parses and answers what it kept (the address trimmed, lower case). */
export function saveOwnContact(
  email: string,
  language: NoticeLanguage,
): Promise<ActionResult<AccountContactAnswer>> {
  return requestJson('PUT', '/api/accounts/me/contact', accountContactAnswerSchema, {
    email,
    language,
  });
}
