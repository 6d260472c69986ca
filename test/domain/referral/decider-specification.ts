// Given / when / then for deciders, in the style of Emmett's DeciderSpecification:
//   spec.given(events).when(command).then(expectedEvents)
//   spec.given(events).when(command).thenThrows('error-code')
// `given` folds the history as the store would return it (see `record`); `then` also checks the
// new events against the event catalogue, so a decider cannot pass with an invalid event.
import { expect } from 'vitest';
import { type Decider } from '../../../domain/decider.js';

interface CodedError {
  code: string;
  message: string;
}

export interface SpecificationOptions<Event, Stored> {
  /** How the store would hand the n-th event (0-based) back: an envelope around it, for instance. */
  record: (event: Event, index: number) => Stored;
  /** Checks each decided event (throws when it is not valid). */
  validate?: (event: Event) => void;
}

export function deciderSpecification<Command, State, Event, Stored, DomainError extends CodedError>(
  decider: Decider<Command, State, Event, DomainError> & { evolve(state: State, event: Stored): State },
  options: SpecificationOptions<Event, Stored>,
) {
  return {
    given(history: Event[]) {
      const state = history.reduce(
        (folded, event, index) => decider.evolve(folded, options.record(event, index)),
        decider.initialState,
      );
      return {
        when(command: Command) {
          const decision = decider.decide(command, state);
          return {
            then(expected: Event[]): void {
              if (!decision.ok)
                expect.fail(
                  `expected events but the command was refused: ${decision.error.code}: ${decision.error.message}`,
                );
              expect(decision.events).toEqual(expected);
              for (const event of decision.events) options.validate?.(event);
            },
            thenNothing(): void {
              if (!decision.ok) expect.fail(`expected no events but the command was refused: ${decision.error.code}`);
              expect(decision.events).toEqual([]);
            },
            thenThrows(code: DomainError['code']): void {
              if (decision.ok) expect.fail(`expected the refusal ${code} but got ${decision.events.length} event(s)`);
              expect(decision.error.code).toBe(code);
              expect(decision.error.message.length).toBeGreaterThan(10);
            },
            /** The refusal, for assertions on its message. */
            refusal(): DomainError {
              if (decision.ok) expect.fail(`expected a refusal but got ${decision.events.length} event(s)`);
              return decision.error;
            },
            /** The state after the new events, for assertions beyond the events themselves. */
            state(): State {
              if (!decision.ok) expect.fail(`the command was refused: ${decision.error.code}`);
              return decision.events.reduce(
                (folded, event, index) => decider.evolve(folded, options.record(event, history.length + index)),
                state,
              );
            },
          };
        },
      };
    },
  };
}
