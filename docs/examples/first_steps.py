# The README's "From Python" example: PYTHONPATH=build/python /usr/bin/python3 docs/examples/first_steps.py
import orgsim
model = orgsim.load_model("scenarios/contact-center/model.yaml")
s = model.scenario({"name": "Payments at half", "steps": 40,
                    "failures": [{"role": "payments", "degrade": 0.5, "from": 0, "to": 10}]})
r = model.run(s)
print(f"CX {r.cx[0]:.2f} -> {r.cx.min():.2f} at step {r.cx.argmin()}; q is {r.q.shape}")
print(r.paths[["roles", "cx_points", "share"]].head(3))
print(model.rank(degrade=0.5)[["role_id", "cx_points"]].head(3))
rows = orgsim.batch(["scenarios/contact-center"], jobs=2)
print(rows.nsmallest(3, "cx_min")[["name", "cx_min", "recovery_step"]])
