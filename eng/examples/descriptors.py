"""The message classes of a descriptor set (protoc --include_imports --descriptor_set_out), for the example clients:
no generated code, as an outside system on another stack could do it."""

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory


def message_classes(descriptors_path, package):
    """A function from a message's short name ("GetValueRequest") to its class in `package`, and the descriptor pool."""
    files = descriptor_pb2.FileDescriptorSet()
    with open(descriptors_path, "rb") as f:
        files.ParseFromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for file in files.file:
        pool.Add(file)
    factory = message_factory.MessageFactory(pool)
    return (lambda name: factory.GetPrototype(pool.FindMessageTypeByName(f"{package}.{name}"))), pool
