// Join stage: the accepted tickets of a run, compact (an id table and a few typed-array slots per ticket, no object
// per ticket or per lookup), so that responses and surveys find their ticket's engineer on a million-ticket month.
import { ownMemory, type Alloc } from '../parallel/parts.js';
import { IdTable, inPlace, type IdTableData } from './id-table.js';

const COHORT = 1;
const CANCELLED = 2;
const ONSITE = 4;

/**
 * A TicketIndex's content as typed arrays (to send to the other part of a reading): views of its own memory when that
 * part reads it in place, else
 * copies. Responses marked are not part of it.
 */
export interface TicketIndexData { ids: IdTableData; engineers: Int32Array; flags: Uint8Array }

/** What a ticket index holds as a ticket's engineer: its number (index), and the engineer of each number (at). */
export interface Numbered { readonly index: number }

/** What the join steps ask of the tickets: one index, or (a file read in two parts) the index of each part. */
export interface Tickets<E> {
  readonly size: number;
  find(id: string): number;
  lookup(id: string): number;
  addNew(id: string, engineer: E, row: number, cohort: boolean, cancelled: boolean, onsite: boolean): number;
  add(id: string, engineer: E, row: number, cohort: boolean, cancelled: boolean, onsite: boolean): void;
  engineer(i: number): E;
  row(i: number): number;
  cancelled(i: number): boolean;
  onsite(i: number): boolean;
  responseRow(i: number): number;
  markResponded(i: number, row: number): void;
  countUnresponded(missing: Int32Array, onsite: Int32Array): void;
}

/** How many slots after the last one found a lookup tries before the table. */
const NEAR = 4;

export class TicketIndex<E extends Numbered> implements Tickets<E> {
  private ids: IdTable;
  /** the number (index) of each ticket's engineer */
  private engineers: Int32Array;
  /** per ticket, COHORT | CANCELLED | ONSITE: written only as the ticket is added (the other part may read them) */
  private flags: Uint8Array;
  /** per ticket, the row of the response that named it, or 0: this part's own, always */
  private responseRows = new Int32Array(1024);
  /** the slot after the last one found: exports usually list responses and surveys in ticket order */
  private next = 0;
  /** how many slots from next find tries before the table (NEAR, or 1 while such tries keep missing) */
  private near = NEAR;
  /** lookups in a row the tries missed */
  private missed = 0;
  size = 0;

  /**
   * at: the engineer of each number. alloc: the memory of ids, engineers and flags; memory the other part reads in
   * place makes data() hand it views, no copy (no ticket may then be added while the other part reads them; the
   * responses each part marks stay its own).
   */
  constructor(private readonly at: (n: number) => E, private readonly alloc: Alloc = ownMemory) {
    this.ids = new IdTable(alloc);
    this.engineers = new Int32Array(alloc(4 * 1024));
    this.flags = new Uint8Array(alloc(1024));
  }

  /**
   * The ticket's slot, or -1; tries the few slots after the last one found before the table (exports list responses
   * in ticket order, surveys too but only for some tickets: measured, a search costs five such tries).
   */
  find(id: string): number {
    const guess = this.next;
    const last = Math.min(guess + this.near, this.size);
    for (let g = guess; g < last; g++) {
      if (this.ids.matches(g, id)) {
        this.next = g + 1;
        this.missed = 0;
        this.near = NEAR;
        return g;
      }
    }
    if (++this.missed > 64) this.near = 1; // lookups in no order (tickets shuffled): the tries do not pay, only the guess
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
    this.engineers[i] = engineer.index;
    this.flags[i] = (cohort ? COHORT : 0) | (cancelled ? CANCELLED : 0) | (onsite ? ONSITE : 0);
  }

  /** The index's content: views of its arrays when the other part reads them in place, else copies. */
  data(): TicketIndexData {
    const n = this.size;
    return inPlace(this.alloc)
      ? { ids: this.ids.data(), engineers: this.engineers.subarray(0, n), flags: this.flags.subarray(0, n) }
      : { ids: this.ids.data(), engineers: this.engineers.slice(0, n), flags: this.flags.slice(0, n) };
  }

  /**
   * An index with the content of data(), the engineer of each number n at(n) (the same engineers in the same order as
   * where data() came from). It reads the arrays as they are and writes none of them (a ticket added later goes to
   * arrays of its own; responses are marked apart).
   */
  static from<E extends Numbered>(d: TicketIndexData, at: (n: number) => E): TicketIndex<E> {
    const t = new TicketIndex<E>(at);
    t.ids = IdTable.from(d.ids);
    t.size = d.engineers.length;
    t.engineers = d.engineers;
    t.flags = d.flags;
    t.responseRows = new Int32Array(t.size);
    return t;
  }

  /** The arrays of data() to move to the other part rather than copy (memory it reads in place needs neither). */
  static buffers(d: TicketIndexData): ArrayBuffer[] {
    return [...IdTable.buffers(d.ids), d.engineers.buffer, d.flags.buffer].filter((b) => b instanceof ArrayBuffer);
  }

  /** Whether a ticket id is in both indexes. */
  sharesIdWith(other: TicketIndex<E>): boolean {
    return this.ids.sharesIdWith(other.ids);
  }

  /** Per ticket, whether a response named it (1) or not (0). */
  responded(): Uint8Array {
    const r = new Uint8Array(this.size);
    for (let i = 0; i < this.size; i++) r[i] = this.responseRows[i] !== 0 ? 1 : 0;
    return r;
  }

  /**
   * Takes the responses the other part's reading marked (responded(), over the same tickets): false, and nothing
   * taken, when a ticket was named by a response here and there too (a duplicate across the parts of the file).
   */
  takeResponded(other: Uint8Array, row: number): boolean {
    // without a branch per ticket (half of them are named by the other part's rows, in no pattern): other[i] is 0 or 1
    const rows = this.responseRows;
    const n = this.size;
    let clash = 0;
    for (let i = 0; i < n; i++) clash |= other[i] & +(rows[i] !== 0);
    if (clash !== 0) return false;
    for (let i = 0; i < n; i++) rows[i] += other[i] * row; // no ticket is marked in both
    return true;
  }

  engineer(i: number): E { return this.at(this.engineers[i]); }
  /** the row the ticket was read from (the id table's value for it) */
  row(i: number): number { return this.ids.value(i); }
  cancelled(i: number): boolean { return (this.flags[i] & CANCELLED) !== 0; }
  onsite(i: number): boolean { return (this.flags[i] & ONSITE) !== 0; }
  /** the row of the response that named this ticket, or 0 */
  responseRow(i: number): number { return this.responseRows[i]; }

  /** row: 1 or more (rows count from 1) */
  markResponded(i: number, row: number): void {
    this.responseRows[i] = row;
  }

  /**
   * Adds, per engineer number, the cohort tickets that no response row named (missing) and those of them on site
   * (onsite). Without a branch per ticket: the tickets named come in no pattern.
   */
  countUnresponded(missing: Int32Array, onsite: Int32Array): void {
    const { flags, engineers } = this;
    const rows = this.responseRows;
    for (let i = 0; i < this.size; i++) {
      const f = flags[i];
      const unnamed = (f & COHORT) & +(rows[i] === 0); // COHORT is 1
      const e = engineers[i];
      missing[e] += unnamed;
      onsite[e] += unnamed & ((f & ONSITE) >> 2); // ONSITE is 4
    }
  }

  private grow(): void {
    const n = Math.max(1024, this.flags.length * 2); // an index from data() may start with none
    const r = new Int32Array(n);
    r.set(this.responseRows);
    this.responseRows = r;
    const alloc = this.alloc;
    const f = new Uint8Array(alloc(n));
    f.set(this.flags);
    this.flags = f;
    const e = new Int32Array(alloc(4 * n));
    e.set(this.engineers);
    this.engineers = e;
  }
}

/**
 * The tickets of a file read in two parts, each part's index as it was read: slots 0.. of the first,
 * then those of the second. A lookup tries the part that answered the last one first (responses and surveys follow
 * the tickets' order). No id is in both (the reading checks it, else it reads the month again whole).
 */
export class TwoPartTickets<E extends Numbered> implements Tickets<E> {
  private last: 0 | 1 = 0;
  constructor(readonly first: TicketIndex<E>, readonly second: TicketIndex<E>) {}

  get size(): number {
    return this.first.size + this.second.size;
  }

  find(id: string): number {
    const n = this.first.size;
    if (this.last === 0) {
      const i = this.first.find(id);
      if (i >= 0) return i;
      const j = this.second.find(id);
      if (j >= 0) this.last = 1;
      return j < 0 ? -1 : n + j;
    }
    const j = this.second.find(id);
    if (j >= 0) return n + j;
    const i = this.first.find(id);
    if (i >= 0) this.last = 0;
    return i;
  }

  lookup(id: string): number {
    const i = this.first.lookup(id);
    if (i >= 0) return i;
    const j = this.second.lookup(id);
    return j < 0 ? -1 : this.first.size + j;
  }

  addNew(): number {
    throw new Error('unreachable: tickets are added while each part is read');
  }

  add(): void {
    throw new Error('unreachable: tickets are added while each part is read');
  }

  engineer(i: number): E {
    const n = this.first.size;
    return i < n ? this.first.engineer(i) : this.second.engineer(i - n);
  }
  row(i: number): number {
    const n = this.first.size;
    return i < n ? this.first.row(i) : this.second.row(i - n);
  }
  cancelled(i: number): boolean {
    const n = this.first.size;
    return i < n ? this.first.cancelled(i) : this.second.cancelled(i - n);
  }
  onsite(i: number): boolean {
    const n = this.first.size;
    return i < n ? this.first.onsite(i) : this.second.onsite(i - n);
  }
  responseRow(i: number): number {
    const n = this.first.size;
    return i < n ? this.first.responseRow(i) : this.second.responseRow(i - n);
  }
  markResponded(i: number, row: number): void {
    const n = this.first.size;
    if (i < n) this.first.markResponded(i, row);
    else this.second.markResponded(i - n, row);
  }

  countUnresponded(missing: Int32Array, onsite: Int32Array): void {
    this.first.countUnresponded(missing, onsite);
    this.second.countUnresponded(missing, onsite);
  }
}
