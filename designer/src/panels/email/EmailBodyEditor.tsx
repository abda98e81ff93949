import { emailBlocksToMjml, type EmailBlock } from '@waymark/workflows';
import { useId, useState, type ReactNode } from 'react';
import { FieldGroup } from '../schema-form/Field';
import { HtmlToolbar } from '../schema-form/HtmlToolbar';
import { readEmailBlocks } from './read-blocks';

const starters: { label: string; block: EmailBlock }[] = [
  { label: 'Heading', block: { type: 'heading', text: '' } },
  { label: 'Text', block: { type: 'text', text: '' } },
  { label: 'Button', block: { type: 'button', text: 'Shop now', href: 'https://' } },
  { label: 'Image', block: { type: 'image', src: 'https://', alt: '' } },
  { label: 'Divider', block: { type: 'divider' } },
];
const blockNames: Record<EmailBlock['type'], string> = {
  heading: 'Heading',
  text: 'Text',
  button: 'Button',
  image: 'Image',
  divider: 'Divider',
};

/** One block's fields, labelled "Block 2: text" so each is found and read out on its own. */
function BlockFields({
  block,
  name,
  onChange,
}: {
  block: EmailBlock;
  name: string;
  onChange: (b: EmailBlock) => void;
}) {
  const input = (label: string, value: string, set: (value: string) => EmailBlock, multiline = false) => {
    const props = {
      className: 'input',
      'aria-label': `${name}: ${label}`,
      placeholder: label,
      value,
      onChange: (event: { target: { value: string } }) => onChange(set(event.target.value)),
    };
    return multiline ? <textarea rows={3} {...props} /> : <input {...props} />;
  };
  switch (block.type) {
    case 'heading':
      return input('heading', block.text, (text) => ({ ...block, text }));
    case 'text':
      return input('text', block.text, (text) => ({ ...block, text }), true);
    case 'button':
      return (
        <>
          {input('button label', block.text, (text) => ({ ...block, text }))}
          {input('button link', block.href, (href) => ({ ...block, href }))}
        </>
      );
    case 'image':
      return (
        <>
          {input('image address', block.src, (src) => ({ ...block, src }))}
          {input('image description', block.alt, (alt) => ({ ...block, alt }))}
        </>
      );
    case 'divider':
      return <hr className="email-blocks__divider" />;
  }
}

/**
 * The email body as blocks (heading, text, button, image, divider), written as MJML that the
 * preview and the engine render alike; hand-written HTML or MJML stays editable as code.
 */
export function EmailBodyEditor({
  value,
  onChange,
  code,
}: {
  value: string | undefined;
  onChange: (html: string | undefined) => void;
  /** The code editor (textarea and its toolbar), for HTML the blocks cannot show. */
  code: ReactNode;
}) {
  const read = readEmailBlocks(value);
  const [asCode, setAsCode] = useState(false);
  if (!read || asCode)
    return (
      <div className="email-blocks">
        {read ? (
          <button type="button" className="button button--link" onClick={() => setAsCode(false)}>
            Back to the block editor
          </button>
        ) : (
          <p className="field__hint">This email is written as code, so it is edited as code.</p>
        )}
        {code}
      </div>
    );
  const blocks = read;
  const emit = (next: EmailBlock[]) => onChange(next.length ? emailBlocksToMjml(next) : undefined);
  const move = (index: number, by: number) => {
    const next = [...blocks];
    const [block] = next.splice(index, 1);
    next.splice(index + by, 0, block!);
    emit(next);
  };
  return (
    <div className="email-blocks" role="group" aria-label="Email content">
      {blocks.length === 0 ? <p className="field__hint">Build the email from blocks: add a heading to start.</p> : null}
      <ol className="email-blocks__list">
        {blocks.map((block, index) => {
          const name = `Block ${index + 1}`;
          return (
            <li key={index} className="email-blocks__block">
              <div className="email-blocks__bar">
                <strong>{blockNames[block.type]}</strong>
                <span className="email-blocks__actions">
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Move ${name.toLowerCase()} up`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Move ${name.toLowerCase()} down`}
                    disabled={index === blocks.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Remove ${name.toLowerCase()}`}
                    onClick={() => emit(blocks.filter((_, i) => i !== index))}
                  >
                    ✕
                  </button>
                </span>
              </div>
              <BlockFields
                block={block}
                name={name}
                onChange={(changed) => emit(blocks.map((b, i) => (i === index ? changed : b)))}
              />
            </li>
          );
        })}
      </ol>
      <div className="email-blocks__add" role="toolbar" aria-label="Add to the email">
        {starters.map(({ label, block }) => (
          <button key={label} type="button" className="button button--small" onClick={() => emit([...blocks, block])}>
            + {label}
          </button>
        ))}
        <button type="button" className="button button--link" onClick={() => setAsCode(true)}>
          Edit as code
        </button>
      </div>
    </div>
  );
}

/** The email template's `html` field: blocks by default, code (with its formatting toolbar) on request. */
export function EmailBodyField({
  value,
  onChange,
  path,
}: {
  value: string | undefined;
  onChange: (html: string | undefined) => void;
  path: string;
}) {
  const codeId = useId();
  return (
    <FieldGroup label="Email body" path={path}>
      <EmailBodyEditor
        value={value}
        onChange={onChange}
        code={
          <>
            <HtmlToolbar fieldId={codeId} />
            <textarea
              id={codeId}
              className="input input--code"
              rows={10}
              aria-label="Html code"
              value={value ?? ''}
              onChange={(event) => onChange(event.target.value || undefined)}
            />
          </>
        }
      />
    </FieldGroup>
  );
}
