import { isMjml } from '@waymark/workflows';
import { useEffect, useState } from 'react';

type Mjml2Html = (typeof import('mjml-browser'))['default'];
let mjml: Promise<Mjml2Html> | undefined;
/** MJML's browser build is large (~1 MB): loaded with the first MJML email previewed. */
const loadMjml = () => (mjml ??= import('mjml-browser').then((module) => module.default));

/**
 * The HTML an email body is sent as: MJML rendered as the engine renders it (strict validation,
 * its errors in words), anything else as it is.
 */
export function useEmailHtml(body: string): { html?: string; error?: string } {
  const [result, setResult] = useState<{ body: string; html?: string; error?: string }>();
  const mjmlBody = isMjml(body);
  useEffect(() => {
    if (!mjmlBody) return;
    let current = true;
    loadMjml()
      .then((mjml2html) => mjml2html(body, { validationLevel: 'strict' }))
      .then(
        ({ html }) => current && setResult({ body, html }),
        (error: Error) => current && setResult({ body, error: `The email cannot be built: ${error.message}` }),
      );
    return () => {
      current = false;
    };
  }, [body, mjmlBody]);
  if (!mjmlBody) return { html: body };
  // Until the new body is rendered, the last rendering stays, so the preview does not flash empty.
  return result ? { html: result.html, error: result.error } : {};
}
