"""The pure core: model, rules, planner, prescription. Standard library only."""
