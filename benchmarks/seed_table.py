"""The original experiment's results table, as published in its README.

The shares are copied from the seed document (``shared/seeds/000_*``); they
are the reference our balancers are compared against, not our results.
"""

SEED_TASK_ORDER = [
    "2, 3 (balanced)",
    "2 (x2), 3 (x1)",
    "5 (10%), 1 (90%)",
    "2 (10%), 3 (90%)",
    "3 (10%), 2 (90%)",
]

# task -> balancer -> {class: weighted share}
SEED_TABLE = {
    "2, 3 (balanced)": {
        "uniform": {2: 0.49745157, 3: 0.50254834},
        "density": {2: 0.56067955, 3: 0.43932047},
        "voronoi": {2: 0.51580024, 3: 0.48419976},
        "box_voronoi": {2: 0.56371045, 3: 0.4362895},
        "smooth_voronoi": {2: 0.55657494, 3: 0.4434251},
        "cluster": {2: 0.50807888265627, 3: 0.49192111734373023},
        "kde": {2: 0.46079313932953353, 3: 0.5392068606704665},
    },
    "2 (x2), 3 (x1)": {
        "uniform": {2: 0.6643976, 3: 0.33560246},
        "density": {2: 0.61866564, 3: 0.3813344},
        "voronoi": {2: 0.496256, 3: 0.50374407},
        "box_voronoi": {2: 0.5643295, 3: 0.43567055},
        "smooth_voronoi": {2: 0.6272863, 3: 0.37271369},
        "cluster": {2: 0.6929830969034367, 3: 0.30701690309656315},
        "kde": {2: 0.526457271198997, 3: 0.4735427288010029},
    },
    "5 (10%), 1 (90%)": {
        "uniform": {1: 0.9216758, 5: 0.07832423},
        "density": {1: 0.71073204, 5: 0.28926802},
        "voronoi": {1: 0.51912564, 5: 0.48087427},
        "box_voronoi": {1: 0.62841535, 5: 0.3715847},
        "smooth_voronoi": {1: 0.7319368, 5: 0.26806313},
        "cluster": {1: 0.9173076923076924, 5: 0.08269230769230768},
        "kde": {1: 0.4117148166296073, 5: 0.5882851833703927},
    },
    "2 (10%), 3 (90%)": {
        "uniform": {2: 0.09775968, 3: 0.9022405},
        "density": {2: 0.29095468, 3: 0.7090454},
        "voronoi": {2: 0.19959268, 3: 0.80040735},
        "box_voronoi": {2: 0.2382892, 3: 0.76171076},
        "smooth_voronoi": {2: 0.36863542, 3: 0.6313646},
        "cluster": {2: 0.14666666666666667, 3: 0.8533333333333335},
        "kde": {2: 0.18532763861170054, 3: 0.8146723613882996},
    },
    "3 (10%), 2 (90%)": {
        "uniform": {2: 0.89958996, 3: 0.10040982},
        "density": {2: 0.77541983, 3: 0.22458015},
        "voronoi": {2: 0.7008197, 3: 0.29918033},
        "box_voronoi": {2: 0.8114754, 3: 0.18852459},
        "smooth_voronoi": {2: 0.71967214, 3: 0.28032786},
        "cluster": {2: 0.8910539215686275, 3: 0.10894607843137254},
        "kde": {2: 0.6782522797769561, 3: 0.32174772022304376},
    },
}


def seed_balance_error(task, balancer):
    """max |share - 1/K| of the original table's cell."""
    shares = SEED_TABLE[task][balancer]
    return max(abs(s - 1.0 / len(shares)) for s in shares.values())
