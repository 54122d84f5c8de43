"""The stripboard as numpy arrays, with the two moves the search makes on it.

A move either lifts a block of consecutive strips and drops it back where the board is cheapest (all
drop points priced at once, without rebuilding the board), or re-sequences a short run of strips
exactly (movie_shoot_subsets). Both keep every "shoot before" rule.
"""
import numpy as np

from core.scheduling.movie_shoot_file import MovieProblem
from core.scheduling.movie_shoot_drops import price_drops
from core.scheduling.movie_shoot_subsets import NONE, Run, best_run_order



class Board:
    def __init__(self, problem: MovieProblem):
        self.problem = problem
        self.scenes = problem.scene_count
        self.in_scene = np.zeros((problem.actor_count, self.scenes), dtype=bool)
        for scene, cast in enumerate(problem.scene_actors):
            self.in_scene[list(cast), scene] = True
        self.day_cost = np.array(problem.actor_day_costs, dtype=np.int64)
        self.days = np.array(problem.scene_days, dtype=np.int64)
        self.site = np.array(problem.scene_locations, dtype=np.int64)
        self.fee = np.array(problem.location_visit_costs, dtype=np.int64)
        self.scene_cast = np.ascontiguousarray(self.in_scene.T)
        self.worked_cost = int(self.day_cost @ (self.in_scene.astype(np.int64) @ self.days))
        used = sorted(set(problem.scene_locations))
        self.free_first_visits = sum(problem.location_visit_costs[site] for site in used)
        self.before: list[list[int]] = [[] for _ in range(self.scenes)]
        self.after: list[list[int]] = [[] for _ in range(self.scenes)]
        for first, then in problem.precedences:
            self.before[then].append(first)
            self.after[first].append(then)
        self.bound = np.array([bool(self.before[s] or self.after[s]) for s in range(self.scenes)])

    def cost(self, order: np.ndarray) -> int:
        """Same figure as movie_cost, vectorised; `order` must already respect the precedences."""
        cast = self.in_scene[:, order]
        present = cast.any(axis=1)
        first = cast.argmax(axis=1)
        last = len(order) - 1 - cast[:, ::-1].argmax(axis=1)
        clock = np.concatenate(([0], np.cumsum(self.days[order])))
        paid = int(self.day_cost @ np.where(present, clock[last + 1] - clock[first], 0))
        sites = self.site[order]
        starts = np.concatenate(([True], sites[1:] != sites[:-1]))
        return paid - self.worked_cost + int(self.fee[sites[starts]].sum()) - self.free_first_visits

    def price_drops(self, order: np.ndarray, starts: np.ndarray, length: int) -> np.ndarray:
        """See movie_shoot_drops.price_drops."""
        return price_drops(self, order, starts, length)

    def resequence(self, order: np.ndarray, at: int, length: int) -> np.ndarray:
        """order with order[at:at+length] put in its exact best sequence, given the strips around it."""
        window = [int(s) for s in order[at:at + length]]
        actors = np.flatnonzero(self.in_scene[:, window].any(axis=1))
        if len(actors) > 62:
            return order
        bit = {int(a): 1 << i for i, a in enumerate(actors)}
        sites = sorted({int(self.site[s]) for s in window})
        local_site = {site: i for i, site in enumerate(sites)}
        index = {s: i for i, s in enumerate(window)}

        def called(strips) -> int:
            seen = self.in_scene[actors][:, strips].any(axis=1) if len(strips) else np.zeros(len(actors), bool)
            return sum(1 << i for i in np.flatnonzero(seen))

        run = Run(
            days=[int(self.days[s]) for s in window],
            casts=[sum(bit[a] for a in self.problem.scene_actors[s]) for s in window],
            locations=[local_site[int(self.site[s])] for s in window],
            move_costs=[int(self.fee[site]) for site in sites],
            actor_day_costs=[int(self.day_cost[a]) for a in actors],
            before=[sum(1 << index[p] for p in self.before[s] if p in index) for s in window],
            called_before=called(order[:at]),
            needed_after=called(order[at + length:]),
            arrive_from=local_site.get(int(self.site[order[at - 1]]), NONE) if at > 0 else NONE,
            leave_to=local_site.get(int(self.site[order[at + length]]), NONE) if at + length < len(order) else NONE,
        )
        sequence, _ = best_run_order(run)
        result = order.copy()
        result[at:at + length] = [window[i] for i in sequence]
        return result

