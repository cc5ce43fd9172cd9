// Identical units share one request. Pages repeat a lot ("Reply" under every comment, the same label on every card):
// the first job queued for a source HTML leads, later ones follow it and are answered with its reply, or are queued
// on their own when it gets none.

import { isCurrent, type Job } from "../units";
import { type Place, rankOf } from "./scheduler";

export class SharedRequests {
  /** The queued or in-flight job for each source HTML. */
  #leaders = new Map<string, Job>();
  #followers = new Map<Job, Job[]>();
  /** The leader each follower waits for. */
  #leaderOf = new Map<Job, Job>();

  /** Follow the live leader for the job's HTML (its request `out`, if its unit moved on) and return it, or lead. */
  join(job: Job, out: ReadonlySet<Job>): Job | undefined {
    const leader = this.#leaders.get(job.html);
    if (leader && leader !== job && (isCurrent(leader) || out.has(leader))) {
      const list = this.#followers.get(leader);
      if (list) list.push(job);
      else this.#followers.set(leader, [job]);
      this.#leaderOf.set(job, leader);
      return leader;
    }
    this.#leaders.set(job.html, job);
    return undefined;
  }

  /** The leader is done (answered or dropped): its followers, some of which may have moved on meanwhile. */
  release(leader: Job): Job[] {
    if (this.#leaders.get(leader.html) === leader) this.#leaders.delete(leader.html);
    const list = this.#followers.get(leader);
    if (!list) return [];
    this.#followers.delete(leader);
    for (const f of list) this.#leaderOf.delete(f);
    return list;
  }

  /** Some units wait for `job`'s reply. */
  leads(job: Job): boolean {
    return this.#followers.has(job);
  }

  /** The job the follower `job` waits for, if it is one. */
  leaderOf(job: Job): Job | undefined {
    return this.#leaderOf.get(job);
  }

  /** The best place of `own` (the leader's) and of `job`'s live followers': the leader's place is theirs too. */
  best(job: Job, own: Place): Place {
    let best = own;
    for (const f of this.#followers.get(job) ?? []) if (isCurrent(f) && rankOf(f) < rankOf(best)) best = f;
    return best;
  }

  clear(): void {
    this.#leaders = new Map();
    this.#followers = new Map();
    this.#leaderOf = new Map();
  }
}
