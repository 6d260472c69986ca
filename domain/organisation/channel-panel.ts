// A council's Channel panel as the directory knows it (decision 0017): its own, or joint with
// named councils; its chair's role and mailbox. Pure comparisons for the decider and the preview.
import { type ChannelPanel } from '../../events/organisation.js';

/** Whether two panels say the same (the councils of a joint panel in any order). */
export function sameChannelPanel(a: ChannelPanel | null | undefined, b: ChannelPanel): boolean {
  if (!a) return false;
  const councils = (panel: ChannelPanel) => [...panel.jointWith].sort().join(' ');
  return (
    a.arrangement === b.arrangement &&
    a.chairRole === b.chairRole &&
    a.mailbox === b.mailbox &&
    councils(a) === councils(b)
  );
}

/** A panel the council runs alone names no one; a joint one names other councils (la:), each once, not itself. */
export function channelPanelIsCoherent(organisationId: string, panel: ChannelPanel): boolean {
  const others = new Set(panel.jointWith);
  if (others.size !== panel.jointWith.length || others.has(organisationId)) return false;
  if ([...others].some((id) => !id.startsWith('la:'))) return false;
  return panel.arrangement === 'own' ? others.size === 0 : others.size > 0;
}
