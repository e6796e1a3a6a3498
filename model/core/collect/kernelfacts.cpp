#include "core/collect/kernelfacts.h"

KernelFacts KernelFacts::ofThisKernel(const std::vector<std::string> &defaultsNames, const std::string &initialNamespacePath)
{
    KernelFacts facts;
    facts.defaults = KernelDefaults::detect(defaultsNames);
    facts.host = HostNamespaceEvidence::gather(initialNamespacePath);
    return facts;
}
