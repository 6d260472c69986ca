// The shape of a decider (after Jérémie Chassaing's "functional event sourcing"):
// decide what happens, evolve state from what happened. Pure: time and ids come in with the command.

export type Decision<Event, DomainError> = { ok: true; events: Event[] } | { ok: false; error: DomainError };

export interface Decider<Command, State, Event, DomainError> {
  initialState: State;
  decide(command: Command, state: State): Decision<Event, DomainError>;
  evolve(state: State, event: Event): State;
}

export function fold<State, Event>(
  decider: Pick<Decider<unknown, State, Event, unknown>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
  from: State = decider.initialState,
): State {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
