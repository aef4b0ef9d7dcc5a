import { useIsMutating } from '@tanstack/react-query';
import type { EventView } from '@turnout/contracts';
import { useJoinEvent } from '../api/join-event';
import { useLeaveEvent } from '../api/leave-event';

/** Join and leave for one event; `busy` while either is on its way to the server. */
export function useParticipation(event: EventView) {
  const join = useJoinEvent();
  const leave = useLeaveEvent();
  const busy =
    useIsMutating({ mutationKey: ['participation'], predicate: (m) => (m.state.variables as EventView | undefined)?.id === event.id }) > 0;
  return { busy, join: () => join.mutate(event), leave: () => leave.mutate(event) };
}
