"""Print the workbench URLs of every scenario, as a learner and as a trainer (used by `make demo`)."""
import os
import sys


def main(host="127.0.0.1", port="8000"):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scripts.workbench_settings")
    import django  # pylint: disable=import-outside-toplevel

    django.setup()
    import scripts.workbench_urls  # noqa: F401  pylint: disable=import-outside-toplevel,unused-import  (adds course units)
    from workbench.scenarios import get_scenarios  # pylint: disable=import-outside-toplevel

    base = f"http://{host}:{port}"
    print(f"\nWorkbench: {base}/  (every scenario is listed there)\n")
    for scenario_id, scenario in sorted(get_scenarios().items()):
        if scenario_id.split(".")[0] in django.conf.settings.EXCLUDED_XBLOCKS:
            continue
        print(f"  {scenario.description}")
        print(f"    learner: {base}/scenario/{scenario_id}/?student=amina&lang=fr")
        print(f"    trainer: {base}/scenario/{scenario_id}/?student=trainer&lang=fr")
    print("\nAny other ?student= name is another learner; trainer and staff are course staff (workbench only).")
    print("Languages: &lang=en, &lang=fr, &lang=ar.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
