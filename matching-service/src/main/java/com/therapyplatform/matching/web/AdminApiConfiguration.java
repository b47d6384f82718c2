package com.therapyplatform.matching.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class AdminApiConfiguration {

    /** Placeholder until authentication exists: see {@link AdminApiAccess}. */
    @Bean
    @ConditionalOnMissingBean
    AdminApiAccess permitAllAdminApiAccess() {
        return request -> true;
    }

    @Bean
    WebMvcConfigurer adminApiAccessInterceptor(AdminApiAccess access) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response,
                            Object handler) {
                        if (access.permits(request)) {
                            return true;
                        }
                        response.setStatus(HttpStatus.FORBIDDEN.value());
                        return false;
                    }
                }).addPathPatterns("/api/v1/clinicians", "/api/v1/clinicians/**");
            }
        };
    }
}
