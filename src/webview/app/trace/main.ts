// The trace page's script: the host renders the whole page; a click on an action button posts that button's data.
import './trace.css';
import { connect } from '../messaging';

const host = connect<never, Record<string, string>>({ name: 'trace panel' });

document.addEventListener('click', (e) => {
  const b = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('button[data-action]') : null;
  if (!b || b.disabled) return;
  host.post({ type: 'action', ...b.dataset });
});
