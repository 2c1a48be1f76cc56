package mx.zocalo.converter.rml;

import java.util.ArrayList;
import java.util.List;
import mx.zocalo.converter.rml.fn.FnoFunction;

/**
 * The value of a term map that comes from a function (RML-FNML): the function execution and which of its outputs
 * to use.
 *
 * @param execution  the function execution ({@code rml:functionExecution})
 * @param returnMap  the term map naming the output ({@code rml:return} / {@code rml:returnMap}), or null: the first
 * @param output     the output's position when known while reading the mapping, else -1 (a return map that is not
 *                   a constant, or a function chosen per row)
 */
record FunctionValue(FunctionExecution execution, TermMap returnMap, int output) {

    /**
     * A function execution ({@code rml:FunctionExecution}).
     *
     * @param name        how messages name it ({@code <#Execution>}, or "a function execution" for a blank node)
     * @param functionMap the term map naming the function ({@code rml:function} / {@code rml:functionMap})
     * @param function    the function when the function map is a constant, else null (looked up per row)
     * @param inputs      its inputs
     */
    record FunctionExecution(String name, TermMap functionMap, FnoFunction function, List<Input> inputs) {}

    /**
     * An input ({@code rml:Input}): the parameter and the term map giving its value.
     *
     * @param parameter the parameter's position when known while reading the mapping, else -1
     */
    record Input(TermMap parameterMap, int parameter, TermMap value) {}

    /** The references it reads: the inputs', and those of function, parameter and return maps that are not constants. */
    List<String> references() {
        List<String> refs = new ArrayList<>(execution.functionMap().references());
        for (Input input : execution.inputs()) {
            refs.addAll(input.parameterMap().references());
            refs.addAll(input.value().references());
        }
        if (returnMap != null) {
            refs.addAll(returnMap.references());
        }
        return refs;
    }
}
