"""Reads K2 of Jobcenter Kreis Borken for December 2018 and its Jahresfortschrittswerte of 2018 from the KPI service.

Run by eng/examples/import-kpi.sh (which builds the descriptor set and fetches the token). No generated code: the
message classes come from the descriptor set.
"""

import os
import sys

import grpc

from descriptors import message_classes

descriptors, target = sys.argv[1:3]
message, pool = message_classes(descriptors, "zielsteuerung.kpi.v1")
channel = grpc.insecure_channel(target)
metadata = [("authorization", "Bearer " + os.environ["KPI_TOKEN"])]


def call(method, request, response):
    rpc = channel.unary_unary(f"/zielsteuerung.kpi.v1.Kpi/{method}", request_serializer=lambda m: m.SerializeToString(),
                              response_deserializer=message(response).FromString)
    return rpc(request, metadata=metadata)


borken = message("Subject")(jobcenter_id="jc-05554")
k2 = call("GetValue", message("GetValueRequest")(subject=borken, code="K2", month="2018-12"), "Point")
print(f"K2 Integrationsquote, Jobcenter Kreis Borken, 2018-12 (final): {float(k2.value):.1f} % "
      f"= {k2.numerator} integrations / {float(k2.denominator):.1f} mean ELB")
steering = call("GetSteeringValues", message("GetSteeringValuesRequest")(subject=borken, code="K2", measure=1, year=2018),
                "SteeringValues")  # STEERING_MEASURE_JFW
print("Jahresfortschrittswert K2 2018 (month: value, prior year, change):")
for month in steering.months:
    print(f"  {month.month}: {float(month.value):5.2f} %  {float(month.prior_year_value):5.2f} %  {float(month.change_percent):+6.2f} %")
print("from deliveries: " + ", ".join(steering.deliveries))
