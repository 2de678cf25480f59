import { useEffect, useRef } from 'react';
import type { ApiKey } from '../../api/types';
import { CopyButton } from '../../ui/CopyButton';

/** The full key, the one time it exists outside its owner's hands. Closing the panel forgets it. */
export function NewKeyPanel({ created, onDone }: { created: ApiKey; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const envLine = `AGENTWALLEX_API_KEY=${created.key}`;
  return (
    <section className="panel new-key" aria-labelledby="new-key-heading">
      <h2 id="new-key-heading" tabIndex={-1} ref={heading}>Copy your new key “{created.name}” now</h2>
      <p className="warning-text"><strong>It will not be shown again.</strong> Store it in your secret manager or environment; if it is lost, rotate the key.</p>
      <p><code className="secret" data-testid="new-key">{created.key}</code></p>
      <p><CopyButton text={created.key ?? ''} label="Copy key" /></p>
      <p><code className="secret" data-testid="new-key-env">{envLine}</code></p>
      <p><CopyButton text={envLine} label="Copy AGENTWALLEX_API_KEY line" /></p>
      <button type="button" onClick={onDone}>I have stored the key</button>
    </section>
  );
}
