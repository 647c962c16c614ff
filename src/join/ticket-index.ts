// Join stage: the accepted tickets of a run, compact (an id table and a few typed-array slots per ticket, no object
// per ticket or per lookup), so that responses and surveys find their ticket's engineer on a million-ticket month.
import { IdTable } from './id-table.js';

const COHORT = 1;
const CANCELLED = 2;
const ONSITE = 4;
const RESPONDED = 8;

export class TicketIndex<E> {
  private readonly ids = new IdTable();
  /** the engineer of each ticket slot */
  private readonly engineerOf: E[] = [];
  private flags = new Uint8Array(1024);
  private responseRows = new Int32Array(1024);
  /** the slot after the last one found: exports usually list responses and surveys in ticket order */
  private next = 0;
  size = 0;

  /** The ticket's slot, or -1; tries the slot after the last one found before the table. */
  find(id: string): number {
    const guess = this.next;
    if (guess < this.size && this.ids.matches(guess, id)) {
      this.next = guess + 1;
      return guess;
    }
    const i = this.ids.slot(id);
    if (i >= 0) this.next = i + 1;
    return i;
  }

  /** The slot of a ticket by the table only (for the duplicate check while adding), or -1. */
  lookup(id: string): number {
    return this.ids.slot(id);
  }

  add(id: string, engineer: E, row: number, cohort: boolean, cancelled: boolean, onsite: boolean): void {
    this.set(this.ids.add(id, row), engineer, cohort, cancelled, onsite);
  }

  /** Adds a ticket unless its id is there already: -1 when added, else the slot of the ticket with that id. */
  addNew(id: string, engineer: E, row: number, cohort: boolean, cancelled: boolean, onsite: boolean): number {
    const i = this.ids.insert(id, row);
    if (i < 0) return -i - 1;
    this.set(i, engineer, cohort, cancelled, onsite);
    return -1;
  }

  private set(i: number, engineer: E, cohort: boolean, cancelled: boolean, onsite: boolean): void {
    if (i === this.flags.length) this.grow();
    this.size = i + 1;
    this.engineerOf.push(engineer);
    this.flags[i] = (cohort ? COHORT : 0) | (cancelled ? CANCELLED : 0) | (onsite ? ONSITE : 0);
  }

  engineer(i: number): E { return this.engineerOf[i]; }
  /** the row the ticket was read from (the id table's value for it) */
  row(i: number): number { return this.ids.value(i); }
  cancelled(i: number): boolean { return (this.flags[i] & CANCELLED) !== 0; }
  onsite(i: number): boolean { return (this.flags[i] & ONSITE) !== 0; }
  /** the row of the response that named this ticket, or 0 */
  responseRow(i: number): number { return (this.flags[i] & RESPONDED) !== 0 ? this.responseRows[i] : 0; }

  markResponded(i: number, row: number): void {
    this.flags[i] |= RESPONDED;
    this.responseRows[i] = row;
  }

  /** Calls fn(engineer, onsite) for each cohort ticket that no response row named. */
  eachUnresponded(fn: (engineer: E, onsite: boolean) => void): void {
    for (let i = 0; i < this.size; i++) {
      const f = this.flags[i];
      if ((f & COHORT) !== 0 && (f & RESPONDED) === 0) fn(this.engineerOf[i], (f & ONSITE) !== 0);
    }
  }

  private grow(): void {
    const n = this.flags.length * 2;
    const r = new Int32Array(n);
    r.set(this.responseRows);
    this.responseRows = r;
    const f = new Uint8Array(n);
    f.set(this.flags);
    this.flags = f;
  }
}
