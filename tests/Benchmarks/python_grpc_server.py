"""Unary Echo on Debian's python grpcio, as the benchmark's reference server.

Usage: python3 python_grpc_server.py --descriptors FILE --mode sync|aio [--workers N]
Answers /zielsteuerung.testing.v1.Echo/Unary with the request's message and payload (echo.proto); prints
"PORT <n>" when ready and runs until stdin closes.
"""

import argparse
import asyncio
import sys
from concurrent import futures

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory


def message_classes(path):
    pool = descriptor_pool.DescriptorPool()
    with open(path, "rb") as f:
        for file in descriptor_pb2.FileDescriptorSet.FromString(f.read()).file:
            pool.Add(file)
    factory = message_factory.MessageFactory(pool)
    get = lambda name: factory.GetPrototype(pool.FindMessageTypeByName(name))
    return get("zielsteuerung.testing.v1.EchoRequest"), get("zielsteuerung.testing.v1.EchoResponse")


def handler(Request, Response, unary):
    return grpc.method_handlers_generic_handler("zielsteuerung.testing.v1.Echo", {
        "Unary": grpc.unary_unary_rpc_method_handler(
            unary, request_deserializer=Request.FromString, response_serializer=Response.SerializeToString)})


def run_sync(Request, Response, workers):
    def unary(request, context):
        return Response(message=request.message, payload=request.payload)

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=workers))
    server.add_generic_rpc_handlers((handler(Request, Response, unary),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"PORT {port}", flush=True)
    sys.stdin.read()
    server.stop(0)


async def run_aio(Request, Response):
    async def unary(request, context):
        return Response(message=request.message, payload=request.payload)

    server = grpc.aio.server()
    server.add_generic_rpc_handlers((handler(Request, Response, unary),))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    print(f"PORT {port}", flush=True)
    stdin_closed = asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await stdin_closed
    await server.stop(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--descriptors", required=True)
    parser.add_argument("--mode", choices=("sync", "aio"), default="aio")
    parser.add_argument("--workers", type=int, default=16)
    args = parser.parse_args()
    Request, Response = message_classes(args.descriptors)
    if args.mode == "sync":
        run_sync(Request, Response, args.workers)
    else:
        asyncio.run(run_aio(Request, Response))


if __name__ == "__main__":
    main()
